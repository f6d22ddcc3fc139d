import AsyncHTTPClient
import GatehouseHTTPClient

/// Sends ``OAuthClientRequest`` values with AsyncHTTPClient and reads the whole answer, turning
/// every transport failure into an ``OAuthClientError`` value.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let timeout: Duration
    let maxResponseSize: Int

    func send(_ request: OAuthClientRequest) async throws(OAuthClientError) -> OAuthClientResponse {
        do {
            let answer = try await client.send(
                request.method,
                url: request.url,
                headerFields: request.headers,
                body: request.body,
                timeout: timeout,
                maxResponseSize: maxResponseSize
            )
            return OAuthClientResponse(status: answer.status, headers: answer.headerFields, body: answer.body)
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
