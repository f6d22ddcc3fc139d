public import HTTPTypes
import NIOConcurrencyHelpers

/// A controller that answers several methods on one path, with ``decorators`` applied to every
/// method: Flask's `MethodView` and its `decorators` list.
///
/// ```swift
/// struct NotesAPI: MethodView {
///     static let decorators: [any Middleware] = [requireOAuth("notes")]
///     func get(_ request: Request) async throws -> Response { ... }
///     func post(_ request: Request) async throws -> Response { ... }
/// }
/// app.addView("/api/notes", NotesAPI())
/// ```
///
/// Methods a view does not implement answer `405 Method Not Allowed` with an `Allow` header.
/// List them in ``methods`` to route only those (then a 405 never reaches the view's decorators).
public protocol MethodView: Sendable {
    /// Middleware wrapped around every method, first runs first. **Default:** none.
    static var decorators: [any Middleware] { get }
    /// The methods this view implements. **Default:** `nil`, meaning: route all of
    /// `GET`, `POST`, `PUT`, `PATCH` and `DELETE`, and answer 405 for the ones left at their default.
    static var methods: Set<HTTPRequest.Method>? { get }

    /// Handles `GET` (and `HEAD`). **Default:** 405.
    func get(_ request: Request) async throws -> Response
    /// Handles `POST`. **Default:** 405.
    func post(_ request: Request) async throws -> Response
    /// Handles `PUT`. **Default:** 405.
    func put(_ request: Request) async throws -> Response
    /// Handles `PATCH`. **Default:** 405.
    func patch(_ request: Request) async throws -> Response
    /// Handles `DELETE`. **Default:** 405.
    func delete(_ request: Request) async throws -> Response
}

/// Thrown by the default implementations of ``MethodView``'s methods.
struct MethodNotImplemented: Error {
    let method: HTTPRequest.Method
}

extension MethodView {
    public static var decorators: [any Middleware] { [] }
    public static var methods: Set<HTTPRequest.Method>? { nil }

    public func get(_ request: Request) async throws -> Response { throw MethodNotImplemented(method: .get) }
    public func post(_ request: Request) async throws -> Response { throw MethodNotImplemented(method: .post) }
    public func put(_ request: Request) async throws -> Response { throw MethodNotImplemented(method: .put) }
    public func patch(_ request: Request) async throws -> Response { throw MethodNotImplemented(method: .patch) }
    public func delete(_ request: Request) async throws -> Response { throw MethodNotImplemented(method: .delete) }
}

extension RouteRegistrar {
    /// Registers `view` at `path` for each of its methods, wrapped in its ``MethodView/decorators``.
    public func addView<View: MethodView>(_ path: String, _ view: View) {
        let candidates: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        let routed = candidates.filter { View.methods?.contains($0) ?? true }
        let missing = NIOLockedValueBox<Set<HTTPRequest.Method>>([])
        for method in routed {
            let dispatch: Responder = { request in
                do {
                    switch method {
                    case .post: return try await view.post(request)
                    case .put: return try await view.put(request)
                    case .patch: return try await view.patch(request)
                    case .delete: return try await view.delete(request)
                    default: return try await view.get(request)
                    }
                } catch let error as MethodNotImplemented {
                    let known = missing.withLockedValue {
                        $0.insert(error.method); return $0
                    }
                    var allow = routed.filter { !known.contains($0) }
                    if allow.contains(.get) { allow.append(.head) }
                    throw HTTPError(
                        .methodNotAllowed,
                        headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")]
                    )
                }
            }
            on(method, path, middleware: View.decorators, use: dispatch)
        }
    }
}
