public import GatehouseCommon

extension AuthorizationServer {
    /// The wall clock of every decision the server makes (``Configuration/clock``).
    public var clock: WallClock { configuration.clock }
}

extension GrantContext {
    /// The server's wall clock: grants judge code and token expiry with it, never `Date()`.
    public var clock: WallClock { server.clock }
}
