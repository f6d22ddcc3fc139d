import Logging

/// Runs user hooks so that their failures never reach the client as anything but `server_error`.
enum HookCall {
    /// Runs `body`, passing ``OAuth2Error``s through and turning other errors into `server_error`
    /// (500), with the details logged (RFC 6749 §5.2; fosite's hint/debug split).
    static func run<T: Sendable>(
        _ name: String,
        logger: Logger,
        _ body: () async throws -> T
    ) async throws(OAuth2Error) -> T {
        do {
            return try await body()
        } catch let error as OAuth2Error {
            throw error
        } catch {
            logger.error("OAuth 2 hook failed", metadata: ["hook": "\(name)", "error": "\(String(reflecting: error))"])
            throw .serverError("The server could not complete the request.")
        }
    }
}
