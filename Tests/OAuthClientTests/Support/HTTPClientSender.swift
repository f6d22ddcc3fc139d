import AsyncHTTPClient
import GatehouseHTTPClient
import OAuthClient

/// Sends an already built ``OAuthClientRequest`` as is, to check what a provider does with it.
enum HTTPClientSender {
    static func send(_ request: OAuthClientRequest) async throws -> OAuthClientResponse {
        let answer = try await HTTPClient.shared.send(
            request.method,
            url: request.url,
            headerFields: request.headers,
            body: request.body,
            timeout: .seconds(10),
            maxResponseSize: 1 << 20
        )
        return OAuthClientResponse(status: answer.status, headers: answer.headerFields, body: answer.body)
    }
}
