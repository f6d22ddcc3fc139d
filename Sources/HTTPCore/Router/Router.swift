import GatehouseCommon
import HTTPTypes

/// Maps a method and a path to a responder through a trie of path segments, so a lookup costs
/// the depth of the path, not the number of routes.
///
/// Patterns: literal segments, `:name` (one segment, captured), `*` (one segment, not captured)
/// and a trailing `**` (the rest of the path, in ``RouteParameters/tail``). Literals win over
/// parameters, parameters over wildcards. Empty segments are ignored, so `/a/` matches `/a`.
///
/// Each endpoint keeps its pattern, normalised (`/users/:id`), so a match names the route that
/// answered: a bounded label for metrics and traces, unlike the raw path.
struct Router: Sendable {
    struct Node: Sendable {
        var literals: [String: Node] = [:]
        var parameter: [ParameterEdge] = []  // zero or one; an array gives the recursion storage
        var wildcard: [Node] = []  // zero or one
        var catchAll: Endpoint?
        var endpoint: Endpoint?
    }

    struct ParameterEdge: Sendable {
        var name: String
        var node: Node
    }

    struct Endpoint: Sendable {
        /// The pattern registered for this endpoint, normalised: `/` plus the segments.
        var pattern: String
        var responders: [HTTPRequest.Method: Responder] = [:]

        var allowedMethods: [HTTPRequest.Method] {
            var methods = Array(responders.keys)
            if responders[.get] != nil, responders[.head] == nil { methods.append(.head) }
            return methods.sorted { $0.rawValue < $1.rawValue }
        }

        func responder(for method: HTTPRequest.Method) -> Responder? {
            responders[method] ?? (method == .head ? responders[.get] : nil)
        }
    }

    /// The outcome of a lookup.
    enum Match {
        case found(Responder, RouteParameters, route: String)
        case methodNotAllowed([HTTPRequest.Method], route: String)
        case notFound
    }

    private(set) var root = Node()

    /// Adds a route; a later registration of the same method and pattern replaces the earlier one.
    mutating func add(_ method: HTTPRequest.Method, _ pattern: String, responder: @escaping Responder) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let route = "/" + segments.joined(separator: "/")
        Self.insert(into: &root, segments[...], method: method, route: route, responder: responder)
    }

    private static func insert(
        into node: inout Node,
        _ segments: ArraySlice<String>,
        method: HTTPRequest.Method,
        route: String,
        responder: @escaping Responder
    ) {
        guard let segment = segments.first else {
            node.endpoint = node.endpoint ?? Endpoint(pattern: route)
            node.endpoint?.responders[method] = responder
            return
        }
        let rest = segments.dropFirst()
        if segment == "**" {
            node.catchAll = node.catchAll ?? Endpoint(pattern: route)
            node.catchAll?.responders[method] = responder
        } else if segment == "*" {
            if node.wildcard.isEmpty { node.wildcard = [Node()] }
            insert(into: &node.wildcard[0], rest, method: method, route: route, responder: responder)
        } else if segment.hasPrefix(":") {
            let name = String(segment.dropFirst())
            if let index = node.parameter.firstIndex(where: { $0.name == name }) {
                insert(into: &node.parameter[index].node, rest, method: method, route: route, responder: responder)
            } else {
                var child = Node()
                insert(into: &child, rest, method: method, route: route, responder: responder)
                node.parameter.append(ParameterEdge(name: name, node: child))
            }
        } else {
            let literal = (try? PercentEncoding.decode(segment)) ?? segment
            insert(into: &node.literals[literal, default: Node()], rest, method: method, route: route, responder: responder)
        }
    }

    /// Looks up the responder for `method` and a raw (percent-encoded) path.
    ///
    /// - Throws: ``HTTPError`` 400 when a path segment holds a malformed escape.
    func match(_ method: HTTPRequest.Method, rawPath: Substring) throws -> Match {
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard raw.contains("%") else {
                segments.append(String(raw))
                continue
            }
            do { segments.append(try PercentEncoding.decode(raw)) } catch {
                throw HTTPError(.badRequest, message: "Invalid percent-encoding in path")
            }
        }
        var parameters = RouteParameters()
        guard let endpoint = Self.find(root, segments[...], &parameters) else { return .notFound }
        if let responder = endpoint.responder(for: method) {
            return .found(responder, parameters, route: endpoint.pattern)
        }
        return .methodNotAllowed(endpoint.allowedMethods, route: endpoint.pattern)
    }

    private static func find(_ node: Node, _ segments: ArraySlice<String>, _ parameters: inout RouteParameters) -> Endpoint? {
        guard let segment = segments.first else {
            if let endpoint = node.endpoint { return endpoint }
            if let catchAll = node.catchAll {
                parameters.tail = ""
                return catchAll
            }
            return nil
        }
        let rest = segments.dropFirst()
        if let child = node.literals[segment], let found = find(child, rest, &parameters) {
            return found
        }
        for edge in node.parameter {
            var captured = parameters
            captured.set(edge.name, segment)
            if let found = find(edge.node, rest, &captured) {
                parameters = captured
                return found
            }
        }
        if let child = node.wildcard.first, let found = find(child, rest, &parameters) {
            return found
        }
        if let catchAll = node.catchAll {
            parameters.tail = segments.joined(separator: "/")
            return catchAll
        }
        return nil
    }
}
