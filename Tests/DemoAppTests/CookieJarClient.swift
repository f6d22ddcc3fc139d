import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A browser stand-in for the end-to-end tests: one origin, a cookie jar, HTML form helpers, and no
/// automatic redirects, so every `302` and its `Location` can be checked before it is followed.
final class CookieJarClient: Sendable {
    /// An AsyncHTTPClient that never follows redirects (``HTTPClient/shared`` follows them). Global,
    /// so it lives as long as the test process and never needs shutting down.
    static let httpClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
    )

    /// The origin every relative target is resolved against, `http://127.0.0.1:PORT`.
    let base: String
    /// The client requests go through: ``httpClient`` unless another is given (the load tests
    /// bring one with a connection pool as big as their concurrency).
    let client: HTTPClient
    private let jar = Mutex<[String: String]>([:])

    init(base: String, client: HTTPClient = CookieJarClient.httpClient) {
        self.base = base
        self.client = client
    }

    /// The cookie named `name`, if the jar holds it.
    func cookie(_ name: String) -> String? {
        jar.withLock { $0[name] }
    }

    /// Replaces the jar (say, to replay a stolen cookie).
    func setCookie(_ name: String, _ value: String?) {
        jar.withLock { $0[name] = value }
    }

    /// `GET target` with the jar's cookies.
    func get(_ target: String, headers: [(String, String)] = []) async throws -> WebResponse {
        try await send(.GET, target, headers: headers)
    }

    /// `POST target` with an `application/x-www-form-urlencoded` body, as an HTML form posts.
    func post(_ target: String, form: [(String, String)], headers: [(String, String)] = []) async throws -> WebResponse {
        try await send(
            .POST,
            target,
            headers: headers + [("Content-Type", "application/x-www-form-urlencoded")],
            body: Self.formEncode(form)
        )
    }

    /// Sends a request to this origin and files the `Set-Cookie` answers in the jar.
    func send(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [], body: String? = nil) async throws -> WebResponse {
        let url = try resolve(target)
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let cookieHeader = jar.withLock { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookieHeader.isEmpty { request.headers.add(name: "Cookie", value: cookieHeader) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        for line in response.headers["set-cookie"] { store(setCookie: line) }
        return WebResponse(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    /// Follows same-origin redirects with `GET`, as a browser does after a form post, until an answer
    /// that is not a redirect or one that leaves this origin (returned unfollowed).
    func follow(_ response: WebResponse, limit: Int = 5) async throws -> WebResponse {
        var current = response
        for _ in 0..<limit {
            guard (300..<400).contains(current.status), let location = current.location, isSameOrigin(location) else { return current }
            current = try await get(location)
        }
        return current
    }

    /// Logs in through the login form: `GET /login` for the CSRF token, then `POST /login`.
    ///
    /// - Returns: the answer to the `POST` (a redirect to `next` on success).
    func login(username: String, password: String, next: String? = nil) async throws -> WebResponse {
        let page = try await get(next.map { "/login?next=" + Self.percentEncode($0) } ?? "/login")
        let form = try page.form()
        var fields = form.hiddenFields
        fields.append(("username", username))
        fields.append(("password", password))
        return try await post(form.action, form: fields)
    }

    /// Submits `form` (its hidden fields plus `extra`) to its action.
    func submit(_ form: HTMLForm, _ extra: [(String, String)] = []) async throws -> WebResponse {
        try await post(form.action, form: form.hiddenFields + extra)
    }

    private func resolve(_ target: String) throws -> String {
        if target.hasPrefix("/") { return base + target }
        guard isSameOrigin(target) else { throw TestFailure("refusing to leave \(base) for \(target)") }
        return target
    }

    private func isSameOrigin(_ url: String) -> Bool {
        url.hasPrefix("/") && !url.hasPrefix("//") || url == base || url.hasPrefix(base + "/") || url.hasPrefix(base + "?")
    }

    /// Files one `Set-Cookie` line: `Max-Age=0` (or a past `Expires`) deletes the cookie.
    private func store(setCookie line: String) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let deleted = parts.dropFirst().contains { $0.lowercased() == "max-age=0" } || value.isEmpty
        jar.withLock { $0[name] = deleted ? nil : value }
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        fields.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// An answer seen by ``CookieJarClient``.
struct WebResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    /// The `Location` header.
    var location: String? { headers.first(name: "location") }

    /// The first value of header `name`.
    func header(_ name: String) -> String? { headers.first(name: name) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(body)")
        }
        return object
    }

    /// Field `name` of the JSON object body, or `nil` (also when the body is not JSON).
    func field(_ name: String) -> Any? {
        (try? json())?[name]
    }

    /// The `index`th `<form method="post">` of the page.
    func form(_ index: Int = 0, action: String? = nil) throws -> HTMLForm {
        let forms = HTMLForm.all(in: body).filter { action == nil || $0.action.hasPrefix(action ?? "") }
        guard forms.indices.contains(index) else { throw TestFailure("no form #\(index) (action \(action ?? "any")) in: \(body)") }
        return forms[index]
    }

    /// The query (or fragment) parameters of the `Location` header.
    func locationParameters(fragment: Bool = false) throws -> [String: String] {
        guard let location, let components = URLComponents(string: location) else { throw TestFailure("no Location (status \(status))") }
        if fragment {
            var query = URLComponents()
            query.percentEncodedQuery = components.percentEncodedFragment
            return Dictionary((query.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
        }
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
    }
}

/// A `<form method="post">` of a page: where it posts and its hidden fields (the CSRF token among them).
struct HTMLForm: Sendable {
    var action: String
    var hiddenFields: [(String, String)]

    /// The hidden `csrf_token` of the form.
    var csrfToken: String? { hiddenFields.first { $0.0 == "csrf_token" }?.1 }

    static func all(in html: String) -> [HTMLForm] {
        var forms: [HTMLForm] = []
        var rest = html[...]
        while let start = rest.range(of: "<form"), let end = rest[start.upperBound...].range(of: "</form>") {
            let element = rest[start.lowerBound..<end.upperBound]
            let tag = element[..<(element.firstIndex(of: ">") ?? element.endIndex)]
            if attribute("method", in: tag)?.lowercased() == "post" {
                var hidden: [(String, String)] = []
                var inputs = element[...]
                while let input = inputs.range(of: "<input") {
                    let inputTag = inputs[input.lowerBound..<(inputs[input.upperBound...].firstIndex(of: ">") ?? inputs.endIndex)]
                    if attribute("type", in: inputTag) == "hidden", let name = attribute("name", in: inputTag) {
                        hidden.append((name, attribute("value", in: inputTag) ?? ""))
                    }
                    inputs = inputs[input.upperBound...]
                }
                forms.append(HTMLForm(action: attribute("action", in: tag) ?? "", hiddenFields: hidden))
            }
            rest = rest[end.upperBound...]
        }
        return forms
    }

    /// The HTML-unescaped value of `name="..."` in `tag`.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...].prefix { $0 != "\"" }
        return unescape(String(value))
    }

    /// Undoes Mustache's HTML escaping (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`).
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A failed precondition of a test, with what was seen.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
