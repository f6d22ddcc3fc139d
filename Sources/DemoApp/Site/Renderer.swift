import HTTPCore
import HTTPTypes
import Mustache

/// Renders the demo's templates into HTML responses.
struct Renderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        library = try Templates.makeLibrary()
    }

    /// The page `template` rendered with `context` (values HTML-escaped by Mustache).
    func page(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        .html(library.render(context, withTemplate: template) ?? "", status: status)
    }
}
