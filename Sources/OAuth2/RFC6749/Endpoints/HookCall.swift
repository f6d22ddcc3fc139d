import Logging

/// Runs user hooks so that their failures never reach the client as anything but `server_error`,
/// or the error an ``OAuth2ErrorConvertible`` failure names (`temporarily_unavailable`, say).
enum HookCall {
    /// Runs `body`, passing ``OAuth2Error``s through, turning an ``OAuth2ErrorConvertible`` into the
    /// error it names and other errors into `server_error` (500), with the details logged
    /// (RFC 6749 §5.2; fosite's hint/debug split).
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
            if let mapped = (error as? any OAuth2ErrorConvertible)?.oauth2Error {
                logger.warning("OAuth 2 hook failed", metadata: ["hook": "\(name)", "error": "\(String(reflecting: error))"])
                throw mapped
            }
            logger.error("OAuth 2 hook failed", metadata: ["hook": "\(name)", "error": "\(String(reflecting: error))"])
            throw .serverError("The server could not complete the request.")
        }
    }
}
