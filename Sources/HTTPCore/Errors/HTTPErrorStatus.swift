import HTTPTypes

/// The status an error thrown through the middleware chain becomes, as ``App/render(_:for:)``
/// renders it: an ``HTTPError``'s own, an ``HTTPResponseError``'s response status, else 500.
enum HTTPErrorStatus {
    static func of(_ error: any Error, for request: Request) -> HTTPResponse.Status {
        if let error = error as? HTTPError { return error.status }
        if let error = error as? any HTTPResponseError { return error.response(for: request).status }
        return .internalServerError
    }
}
