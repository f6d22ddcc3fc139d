/// A `Set-Cookie` value (RFC 6265 §4.1) with the attributes a web application needs.
public struct Cookie: Sendable, Hashable {
    /// How the cookie travels on cross-site requests.
    public enum SameSite: String, Sendable {
        /// Sent only with same-site requests.
        case strict = "Strict"
        /// Also sent with top-level cross-site navigations (GET); the default for sessions.
        case lax = "Lax"
        /// Sent with every request; browsers require `Secure` with it.
        case none = "None"
    }

    /// The cookie's name.
    public var name: String
    /// The cookie's value, sent as is (no encoding is added).
    public var value: String
    /// The path the cookie is sent for (`/` by default).
    public var path: String?
    /// The domain the cookie is sent to; `nil` keeps it to the exact host.
    public var domain: String?
    /// Lifetime in seconds; `0` deletes the cookie, `nil` makes it a browser-session cookie.
    public var maxAge: Int?
    /// Sent only over HTTPS.
    public var secure: Bool
    /// Hidden from scripts in the page.
    public var httpOnly: Bool
    /// Cross-site behaviour; `nil` leaves it to the browser.
    public var sameSite: SameSite?

    /// Creates a cookie; defaults are the safe ones for a session cookie.
    public init(
        name: String,
        value: String,
        path: String? = "/",
        domain: String? = nil,
        maxAge: Int? = nil,
        secure: Bool = false,
        httpOnly: Bool = true,
        sameSite: SameSite? = .lax
    ) {
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// The `Set-Cookie` header value.
    public var headerValue: String {
        var parts = ["\(name)=\(value)"]
        if let path { parts.append("Path=\(path)") }
        if let domain { parts.append("Domain=\(domain)") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        return parts.joined(separator: "; ")
    }
}
