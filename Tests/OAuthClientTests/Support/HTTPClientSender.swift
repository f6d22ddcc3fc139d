import AsyncHTTPClient
import NIOCore
import OAuthClient

/// Sends an already built ``OAuthClientRequest`` as is, to check what a provider does with it.
enum HTTPClientSender {
    static func send(_ request: OAuthClientRequest) async throws -> OAuthClientResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return OAuthClientResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
    }
}
