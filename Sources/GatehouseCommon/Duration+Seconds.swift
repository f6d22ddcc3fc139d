extension Duration {
    /// The duration in seconds, fractions included: what `Date` arithmetic and comparisons take.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
