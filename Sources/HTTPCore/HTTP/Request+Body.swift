public import Foundation
public import GatehouseCommon
import HTTPTypes
import NIOCore
import NIOFoundationCompat

extension Request {
    /// The media type of the body without parameters, lower-cased (`application/json`).
    public var mediaType: String? {
        guard let value = headers[.contentType] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The body as UTF-8 text.
    ///
    /// - Throws: ``HTTPError`` 400 when the bytes are not UTF-8.
    public func bodyText() throws -> String {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw HTTPError(.badRequest, message: "Body is not valid UTF-8")
        }
        return text
    }

    /// The `application/x-www-form-urlencoded` body, decoded in order with repetitions (`+` is a
    /// space). A request with another content type (or none) has an empty form, as in Flask.
    ///
    /// - Throws: ``HTTPError`` 400 for malformed percent-encoding or invalid UTF-8.
    public func form() throws -> Parameters {
        guard mediaType == "application/x-www-form-urlencoded" else { return Parameters() }
        let bytes = body.readableBytesView
        do {
            return try FormURLEncoding.decode(bytes: bytes)
        } catch {
            throw HTTPError(.badRequest, message: "Invalid form body: \(error)")
        }
    }

    /// Decodes a JSON body.
    ///
    /// - Throws: ``HTTPError`` 415 when the content type is not JSON, 400 when it does not decode.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self, using decoder: JSONDecoder = JSONDecoder()) throws -> Value {
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw HTTPError(.unsupportedMediaType, message: "Expected a JSON body")
        }
        do {
            return try decoder.decode(Value.self, from: body)
        } catch {
            throw HTTPError(.badRequest, message: "Invalid JSON body")
        }
    }
}
