/// The request being handled by the current task, bound by the app around every handler: the
/// Swift form of Flask's `request` proxy.
///
/// It is a `@TaskLocal`: code called from the handler, and child tasks it starts, see it without
/// the request being passed down. It is `nil` outside a request. A handler that starts an
/// unstructured `Task` or a streaming writer must capture what it needs first.
public enum CurrentRequest {
    /// The request the current task is handling.
    @TaskLocal public static var value: Request?
}

/// The request the current task is handling, or `nil` outside a request (see ``CurrentRequest``).
public var currentRequest: Request? { CurrentRequest.value }
