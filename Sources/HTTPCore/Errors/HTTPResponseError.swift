public import HTTPTypes

/// An error that knows the response it stands for. Throwing one from a handler or middleware
/// sends that response; any other error becomes a bare 500 whose details go to the log only.
public protocol HTTPResponseError: Error, Sendable {
    /// The status of the response.
    var status: HTTPResponse.Status { get }
    /// The full response, built from ``status`` by default.
    func response(for request: Request) -> Response
}
