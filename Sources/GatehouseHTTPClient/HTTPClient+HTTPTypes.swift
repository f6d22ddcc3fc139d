public import AsyncHTTPClient
public import HTTPTypes
import NIOCore
import NIOHTTP1

/// A provider's answer as ``AsyncHTTPClient/HTTPClient/send(_:url:headerFields:body:timeout:maxResponseSize:)``
/// reads it: status, header fields and the whole body.
public struct HTTPClientAnswer: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, in swift-http-types' form.
    public var headerFields: HTTPFields
    /// The body bytes.
    public var body: [UInt8]
}

extension HTTPClient {
    /// Sends one request described with swift-http-types and reads the whole answer.
    ///
    /// AsyncHTTPClient speaks NIOHTTP1's `HTTPHeaders` and `HTTPMethod`; the OAuth client speaks
    /// swift-http-types, as HTTPCore, Hummingbird and Vapor's bridge do. This is the one place the
    /// two meet, so the client module imports no NIO HTTP module.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - url: the absolute URL.
    ///   - headerFields: the header fields.
    ///   - body: the body; sent when not empty, and always (possibly empty) for POST, PUT and PATCH.
    ///   - timeout: the deadline of the whole exchange.
    ///   - maxResponseSize: the most body bytes read.
    /// - Returns: the answer.
    /// - Throws: AsyncHTTPClient's errors (`HTTPClientError`, connection errors) and NIO's
    ///   too-many-bytes error for a larger body, unchanged.
    public func send(
        _ method: HTTPRequest.Method,
        url: String,
        headerFields: HTTPFields,
        body: [UInt8],
        timeout: Duration,
        maxResponseSize: Int
    ) async throws -> HTTPClientAnswer {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: method.rawValue)
        outgoing.headers = HTTPHeaders(headerFields.map { ($0.name.rawName, $0.value) })
        if !body.isEmpty || [.post, .put, .patch].contains(method) {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await execute(outgoing, timeout: TimeAmount(timeout))
        let bytes = try await response.body.collect(upTo: maxResponseSize)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            // A name swift-http-types refuses (not a token) cannot be one a client reads: skipped.
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return HTTPClientAnswer(status: Int(response.status.code), headerFields: fields, body: Array(buffer: bytes))
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
