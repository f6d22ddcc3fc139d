import FoundationEssentials

/// Seconds since 1970, the unit of `oauth_timestamp`.
func currentUnixTime() -> Double {
    Date().timeIntervalSince1970
}
