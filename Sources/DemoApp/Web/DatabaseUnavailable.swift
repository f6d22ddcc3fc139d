import HTTPCore
import HTTPTypes
import OAuthStores

/// Answers every request whose handler (or session) finds the database unreachable with 503, a
/// JSON `temporarily_unavailable` error and `Retry-After`, instead of the generic 500 an unknown
/// error gets (RFC 9110 §15.6.4): the outage is temporary and clients should retry. The OAuth
/// endpoints and guards already answer a store outage this way themselves
/// (``StoreError`` is `OAuth2ErrorConvertible` and `OAuth1ErrorConvertible`); this covers the
/// demo's own pages, sessions and APIs.
struct DatabaseUnavailable: Middleware {
    static let body = Array(
        #"{"error":"temporarily_unavailable","error_description":"The database is unavailable; try again later."}"#.utf8
    )

    func handle(_ request: Request, next: Responder) async throws -> Response {
        do {
            return try await next(request)
        } catch let error as StoreError where error.isUnavailable {
            var response = Response.json(raw: Self.body, status: .serviceUnavailable)
            response.headers[.retryAfter] = "1"
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
