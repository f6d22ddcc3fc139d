import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends ``OAuthClientRequest`` values with AsyncHTTPClient and reads the whole answer, turning
/// every transport failure into an ``OAuthClientError`` value.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount
    let maxResponseSize: Int

    func send(_ request: OAuthClientRequest) async throws(OAuthClientError) -> OAuthClientResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if !request.body.isEmpty || [.POST, .PUT, .PATCH].contains(request.method) {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: maxResponseSize)
            return OAuthClientResponse(
                status: Int(response.status.code),
                headers: response.headers,
                body: Array(buffer: body)
            )
        } catch let error as HTTPClientError where Self.isConfigurationError(error) {
            throw OAuthClientError(.invalidConfiguration, message: "cannot send to \(request.url): \(error)")
        } catch {
            throw OAuthClientError(.connectionFailed, message: "\(request.method.rawValue) \(request.url) failed: \(error)")
        }
    }

    static func isConfigurationError(_ error: HTTPClientError) -> Bool {
        error == .invalidURL || error == .emptyHost || error == .emptyScheme
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
