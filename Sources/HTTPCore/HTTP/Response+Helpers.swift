public import Foundation
public import GatehouseCommon
public import HTTPTypes
import NIOCore
import NIOFoundationCompat

extension Response {
    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ByteBuffer(string: text))
    }

    /// A `text/html; charset=utf-8` response. The caller is responsible for escaping (render
    /// templates with an HTML-escaping engine).
    public static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ByteBuffer(string: html))
    }

    /// An `application/json` response encoding `value`.
    ///
    /// - Throws: the encoder's error when `value` cannot be encoded.
    public static func json(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        encoder: JSONEncoder = Response.defaultJSONEncoder
    ) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: ByteBuffer(data: data))
    }

    /// An `application/json` response from already-encoded bytes.
    public static func json(raw: some Sequence<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: raw))
    }

    /// An `application/x-www-form-urlencoded` response (OAuth 1 token responses use these).
    public static func form(_ parameters: Parameters, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormURLEncoding.encode(parameters))
        )
    }

    /// A redirect to `location`.
    ///
    /// - Parameters:
    ///   - location: the `Location` URL or path.
    ///   - status: `303 See Other` by default: safe after a POST, since the client follows it with a
    ///     GET and never re-sends the form (RFC 9110 §15.4.4; RFC 9700 §4.11).
    public static func redirect(to location: String, status: HTTPResponse.Status = .seeOther) -> Response {
        Response(status: status, headers: [.location: location, .contentLength: "0"])
    }

    /// The encoder ``json(_:status:encoder:)`` uses by default (sorted keys, `/` unescaped).
    public static var defaultJSONEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
