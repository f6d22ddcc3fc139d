/// The credentials every benchmark party shares.
public enum BenchCredentials {
    public static let clientID = "bench-client"
    public static let clientSecret = "bench-secret-0123456789abcdef"
    public static let defaultAccessToken = "bench-access-token-0123456789abcdefghijklmnopqrstuv"
    public static let oauth1ClientID = "bench-oauth1-client"
    public static let oauth1ClientSecret = "bench-oauth1-secret-0123456789abcdef"
    public static let oauth1Token = "bench-oauth1-token-0123456789abcdefghijklmn"
    public static let oauth1TokenSecret = "bench-oauth1-token-secret-0123456789abcdefghijk"
}
