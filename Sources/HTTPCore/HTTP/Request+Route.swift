extension Request {
    /// The pattern of the route that matched this request, as registered and normalised
    /// (`/users/:id`, `/files/**`), or `nil` before routing and when no route matched.
    ///
    /// Metrics and traces label requests with it rather than the raw path, so the number of
    /// series stays bounded by the number of routes. Handlers and route middleware always see it.
    /// Global middleware (``App/use(_:)``) runs before routing: it sees the route after `next`
    /// returns (or throws) only when it conforms to ``RouteObservingMiddleware``, the one case in
    /// which the app records the route in ``locals`` as well.
    public var route: String? {
        if let matchedRoute { return matchedRoute }
        return locals[MatchedRouteKey.self]
    }
}

/// Where the app leaves the matched route for ``RouteObservingMiddleware``.
enum MatchedRouteKey: StorageKey {
    typealias Value = String
}
