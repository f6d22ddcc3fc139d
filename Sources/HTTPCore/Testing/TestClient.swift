import Foundation
public import HTTPTypes
import NIOConcurrencyHelpers
public import NIOCore
import NIOFoundationCompat

/// How ``App/test(_:scheme:_:)`` reaches the app.
public enum TestMode: Sendable {
    /// Calls the app in process, no socket: fast, for most tests.
    case inProcess
    /// Starts the real server on a free loopback port and talks HTTP/1.1 to it.
    case live
    /// Starts the real server on this loopback port: for apps whose settings name their own URL
    /// (an issuer), which are frozen before the server starts.
    case liveOnPort(Int)
}

/// Credentials a test request carries.
public enum TestAuthorization: Sendable {
    /// `Authorization: Basic base64(user:password)`.
    case basic(username: String, password: String)
    /// `Authorization: Bearer token`.
    case bearer(String)
    /// A raw `Authorization` value.
    case raw(String)

    var headerValue: String {
        switch self {
        case .basic(let username, let password): "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearer(let token): "Bearer " + token
        case .raw(let value): value
        }
    }
}

/// A response as a test sees it.
public struct TestResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The header fields.
    public var headers: HTTPFields
    /// The body, collected.
    public var body: ByteBuffer

    /// The body as UTF-8 text.
    public var text: String { String(buffer: body) }

    /// Decodes a JSON body.
    public func json<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(Value.self, from: body)
    }

    /// Decodes a JSON object body into a dictionary.
    public func jsonObject() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
        return object as? [String: Any] ?? [:]
    }
}

/// Sends requests to an app under test and keeps cookies between them like a browser would.
///
/// ```swift
/// try await app.test { client throws in
///     #expect(try await client.get("/users/42", auth: .bearer("token")).status == .ok)
/// }
/// ```
///
/// Write `client throws in` when the closure's only `try`s sit inside `#expect(...)`: Swift 6.3
/// does not see them when it infers the closure's effects.
public struct TestClient: Sendable {
    private let send: @Sendable (Request) async throws -> TestResponse
    private let jar = CookieJar()
    /// The host name requests carry (default `localhost`).
    public var host: String
    /// The scheme requests claim (`https` makes the app see a TLS request in process).
    public var scheme: String

    init(host: String, scheme: String, send: @escaping @Sendable (Request) async throws -> TestResponse) {
        self.host = host
        self.scheme = scheme
        self.send = send
    }

    /// The cookies the client holds.
    public var cookies: [String: String] { jar.cookies.withLockedValue { $0 } }

    /// Forgets every cookie (a new browser).
    public func clearCookies() { jar.cookies.withLockedValue { $0 = [:] } }

    /// Sends a request.
    public func execute(
        _ method: HTTPRequest.Method,
        _ target: String,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil,
        auth: TestAuthorization? = nil
    ) async throws -> TestResponse {
        var fields = headers
        if fields[.hostField] == nil { fields[.hostField] = host }
        if let auth { fields[.authorization] = auth.headerValue }
        let cookies = jar.cookies.withLockedValue { $0 }
        if !cookies.isEmpty, fields[.cookie] == nil {
            fields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let body, fields[.contentLength] == nil { fields[.contentLength] = String(body.readableBytes) }
        let request = Request(
            method: method,
            target: target,
            headers: fields,
            body: body ?? ByteBuffer(),
            connection: ConnectionInfo(scheme: scheme, clientAddress: "127.0.0.1")
        )
        let response = try await send(request)
        remember(response.headers[values: .setCookie])
        return response
    }

    /// Sends a `GET`.
    public func get(_ target: String, headers: HTTPFields = [:], auth: TestAuthorization? = nil) async throws -> TestResponse {
        try await execute(.get, target, headers: headers, auth: auth)
    }

    /// Sends a form-encoded `POST`.
    public func post(
        _ target: String,
        form: [(String, String)],
        headers: HTTPFields = [:],
        auth: TestAuthorization? = nil
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { "\(Self.formEscape($0.0))=\(Self.formEscape($0.1))" }.joined(separator: "&")
        return try await execute(.post, target, headers: fields, body: ByteBuffer(string: body), auth: auth)
    }

    /// Sends a `POST` with a raw body.
    public func post(
        _ target: String,
        body: String,
        contentType: String,
        headers: HTTPFields = [:],
        auth: TestAuthorization? = nil
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = contentType
        return try await execute(.post, target, headers: fields, body: ByteBuffer(string: body), auth: auth)
    }

    /// Sends a JSON `POST`.
    public func post(
        _ target: String,
        json: some Encodable,
        headers: HTTPFields = [:],
        auth: TestAuthorization? = nil
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await execute(.post, target, headers: fields, body: ByteBuffer(data: try JSONEncoder().encode(json)), auth: auth)
    }

    private func remember(_ setCookies: [String]) {
        guard !setCookies.isEmpty else { return }
        jar.cookies.withLockedValue { jar in
            for line in setCookies {
                let first = line.split(separator: ";", maxSplits: 1).first ?? ""
                guard let equals = first.firstIndex(of: "=") else { continue }
                let name = String(first[..<equals]).trimmingCharacters(in: .whitespaces)
                let value = String(first[first.index(after: equals)...])
                let expired = line.lowercased().contains("max-age=0")
                if expired || value.isEmpty { jar[name] = nil } else { jar[name] = value }
            }
        }
    }

    private static func formEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension App {
    /// Runs `body` with a client talking to this app, in process or over a live loopback socket.
    ///
    /// - Parameters:
    ///   - mode: ``TestMode/inProcess`` (default), ``TestMode/live`` or ``TestMode/liveOnPort(_:)``.
    ///   - scheme: the scheme in-process requests claim (default `https`, as in production).
    ///   - body: the test, given the client.
    public func test(
        _ mode: TestMode = .inProcess,
        scheme: String = "https",
        _ body: (TestClient) async throws -> Void
    ) async throws {
        let _: Bool = try await withTestClient(mode, scheme: scheme) { client in
            try await body(client)
            return true
        }
    }

    /// Runs `body` with a client talking to this app and returns what it returns.
    ///
    /// ```swift
    /// let response = try await app.withTestClient { try await $0.get("/") }
    /// ```
    public func withTestClient<Value: Sendable>(
        _ mode: TestMode = .inProcess,
        scheme: String = "https",
        _ body: (TestClient) async throws -> Value
    ) async throws -> Value {
        switch mode {
        case .inProcess:
            let client = TestClient(host: "localhost", scheme: scheme) { request in
                let response = await self.respond(to: request)
                return TestResponse(status: response.status, headers: response.headers, body: response.body)
            }
            return try await body(client)
        case .live, .liveOnPort:
            var configuration = serverConfiguration
            configuration.host = "127.0.0.1"
            if case .liveOnPort(let port) = mode { configuration.port = port } else { configuration.port = 0 }
            configuration.accessLog = false
            let server = makeServer(configuration)
            let running = Task { try await server.run() }
            do {
                let port = try await server.waitUntilListening()
                let client = TestClient(host: "127.0.0.1:\(port)", scheme: "http") { request in
                    try await LiveHTTPClient.send(request, host: "127.0.0.1", port: port)
                }
                let value = try await body(client)
                server.shutdown()
                try await running.value
                return value
            } catch {
                server.shutdown()
                running.cancel()
                throw error
            }
        }
    }
}

/// The cookies a ``TestClient`` holds, shared by its copies.
private final class CookieJar: Sendable {
    let cookies = NIOLockedValueBox<[String: String]>([:])
}
