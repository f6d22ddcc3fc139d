/// Builds an absolute URI from its parts, as OAuth needs one for signatures and issuer values.
public enum AbsoluteURI {
    /// `scheme://authority` followed by `target` (path and query), appended into one reserved
    /// buffer: string interpolation costs several times as much, and every OAuth request builds one.
    public static func join(scheme: String, authority: String, target: String) -> String {
        var uri = ""
        uri.reserveCapacity(scheme.utf8.count + 3 + authority.utf8.count + target.utf8.count)
        uri += scheme
        uri += "://"
        uri += authority
        uri += target
        return uri
    }
}
