public import GatehouseCommon
public import HTTPTypes

/// An outgoing HTTP request as the sessions build it, before it is sent: the value that request
/// compliance hooks receive and return (Authlib's `url, headers, body` triple).
///
/// ```swift
/// session.registerComplianceHook(.protectedRequest) { request in
///     var request = request
///     request.headers[HTTPField.Name("X-Api-Version")!] = "2"
///     return request
/// }
/// ```
public struct OAuthClientRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The absolute URL, query included.
    public var url: String
    /// The header fields.
    public var headers: HTTPFields
    /// The body bytes; empty for none.
    public var body: [UInt8]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: the absolute URL.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    public init(method: HTTPRequest.Method, url: String, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether the body is `application/x-www-form-urlencoded` (and so takes part in an OAuth 1
    /// signature, RFC 5849 §3.4.1.3.1).
    public var hasFormBody: Bool {
        guard let type = headers[.contentType] else { return false }
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: " \t") } ?? ""
        return mediaType.lowercased() == "application/x-www-form-urlencoded"
    }

    /// The form body decoded, or `nil` when the body is not a form.
    ///
    /// - Throws: ``OAuthClientError`` `invalid_configuration` when the body claims to be a form but is
    ///   not valid form encoding.
    public func formParameters() throws(OAuthClientError) -> Parameters? {
        guard hasFormBody else { return nil }
        do { return try FormURLEncoding.decode(bytes: body) } catch {
            throw OAuthClientError(.invalidConfiguration, message: "the request body is not valid form encoding: \(error)")
        }
    }

    /// Replaces the body with `parameters` form-encoded and sets the matching `Content-Type`.
    ///
    /// - Parameter parameters: the form fields.
    public mutating func setForm(_ parameters: Parameters) {
        body = Array(FormURLEncoding.encode(parameters).utf8)
        headers[.contentType] = "application/x-www-form-urlencoded;charset=UTF-8"
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
