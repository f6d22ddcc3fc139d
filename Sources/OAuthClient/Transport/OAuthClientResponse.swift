public import FoundationEssentials
public import HTTPTypes
public import OAuth2

/// A provider's answer, fully read: the value that response compliance hooks receive and return,
/// and what ``OAuth2Session/request(_:_:headers:body:token:)`` gives back.
///
/// ```swift
/// let response = try await session.request(.get, "https://api.example.com/me")
/// let profile = try response.decode(Profile.self)
/// ```
public struct OAuthClientResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The header fields.
    public var headers: HTTPFields
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: the HTTP status code.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    public init(status: Int, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, or `nil` when it is not one.
    public var jsonObject: [String: JSONValue]? { JSONValue.decodeObject(body) }

    /// Decodes the body as JSON.
    ///
    /// - Parameters:
    ///   - type: the type to decode.
    ///   - decoder: the decoder to use.
    /// - Returns: the decoded value.
    /// - Throws: ``OAuthClientError`` `malformed_response` when the body does not decode.
    public func decode<Value: Decodable>(
        _ type: Value.Type = Value.self,
        using decoder: JSONDecoder = JSONDecoder()
    ) throws(OAuthClientError) -> Value {
        do { return try decoder.decode(type, from: Data(body)) } catch {
            throw OAuthClientError(
                .malformedResponse,
                message: "the body is not the expected JSON: \(error)",
                status: status
            )
        }
    }

    /// The media type of the body, lower-cased, without parameters.
    var mediaType: String? {
        headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: " \t").lowercased()
    }
}
