public import GatehouseCommon
public import HTTPTypes
public import NIOCore

/// An HTTP request as a handler sees it: method, target, headers and the collected body, plus the
/// route parameters and per-request storage filled in on the way through the middleware.
///
/// `Request` is a value: a middleware that changes it passes its copy to `next`. Its ``locals``
/// storage is shared by every copy, so a value bound early (a session, a token) is seen by the
/// handler and by the middleware that wraps it.
public struct Request: Sendable {
    /// The request method.
    public var method: HTTPRequest.Method
    /// The raw request target as received, e.g. `/search?q=a%20b`.
    public var target: String
    /// The header fields; lookups are case-insensitive.
    public var headers: HTTPFields
    /// The collected body (empty when there is none). Its size is bounded by the server's body limit.
    public var body: ByteBuffer
    /// The protocol version (`HTTP/1.1`, `HTTP/1.0`).
    public var version: HTTPVersion
    /// Parameters captured by the route pattern (`/users/:id`).
    public var parameters: RouteParameters
    /// The pattern of the matched route, set by the app on the copy it routes (see ``route``).
    var matchedRoute: String?
    /// Typed per-request storage, shared by every copy of this request.
    public let locals: TypedStorage
    /// Where the request came from and how it reached the server.
    public var connection: ConnectionInfo

    /// Creates a request; the server and the test client build these.
    public init(
        method: HTTPRequest.Method,
        target: String,
        headers: HTTPFields = [:],
        body: ByteBuffer = ByteBuffer(),
        version: HTTPVersion = .http1_1,
        connection: ConnectionInfo = ConnectionInfo()
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.version = version
        self.parameters = RouteParameters()
        self.locals = TypedStorage()
        self.connection = connection
    }

    /// The path part of the target, still percent-encoded (`/r%20v/X`).
    public var rawPath: Substring {
        guard let mark = target.firstIndex(of: "?") else { return target[...] }
        return target[..<mark]
    }

    /// The path part of the target, percent-decoded.
    ///
    /// - Throws: ``HTTPError`` 400 when the path holds a malformed escape.
    public var path: String {
        get throws {
            do { return try PercentEncoding.decode(rawPath) } catch {
                throw HTTPError(.badRequest, message: "Invalid percent-encoding in path")
            }
        }
    }

    /// The raw query string after `?`, or `nil` when there is none.
    public var rawQuery: Substring? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return target[target.index(after: mark)...]
    }

    /// The query parameters, percent-decoded, in order and with repetitions (`+` is a space).
    ///
    /// - Throws: ``HTTPError`` 400 when the query holds a malformed escape or invalid UTF-8.
    public var query: Parameters {
        get throws {
            guard let rawQuery else { return Parameters() }
            do { return try FormURLEncoding.decode(rawQuery) } catch {
                throw HTTPError(.badRequest, message: "Invalid query string: \(error)")
            }
        }
    }

    /// The effective scheme: `https` when the connection is TLS or a trusted proxy says so.
    public var scheme: String { connection.scheme }

    /// The effective host (with port when one was given): from a trusted proxy's forwarding
    /// headers, else the `Host` header.
    public var host: String? {
        if let forwarded = connection.forwardedHost { return forwarded }
        // A scan: `HTTPFields`' subscript builds a name index first, which cost more than the
        // whole URL, and the server refuses a request with two `Host` fields anyway.
        for field in headers where field.name == .hostField { return field.value }
        return nil
    }

    /// The client's address: the peer, or the original client named by a trusted proxy.
    public var clientAddress: String? { connection.clientAddress }

    /// The absolute URL of this request (`https://example.com/path?query`), built from the
    /// effective scheme and host. OAuth needs it to check signatures and issuer values.
    public var url: String {
        AbsoluteURI.join(scheme: scheme, authority: host ?? "localhost", target: target)
    }

    /// Whether the request reached the server over TLS, directly or through a trusted proxy.
    public var isSecure: Bool { scheme == "https" }
}

/// Facts about the connection a request arrived on, after trusted-proxy headers are applied.
public struct ConnectionInfo: Sendable, Hashable {
    /// `http` or `https`.
    public var scheme: String
    /// The peer's IP address, or the original client's when a trusted proxy forwarded it.
    public var clientAddress: String?
    /// The host a trusted proxy says the client asked for.
    public var forwardedHost: String?

    /// Creates connection facts; defaults describe a plain-http local request.
    public init(scheme: String = "http", clientAddress: String? = "127.0.0.1", forwardedHost: String? = nil) {
        self.scheme = scheme
        self.clientAddress = clientAddress
        self.forwardedHost = forwardedHost
    }
}
