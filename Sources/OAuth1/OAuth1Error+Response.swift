public import GatehouseCommon
import HTTPTypes

extension OAuth1Error {
    /// How an error body is encoded.
    public enum BodyFormat: Sendable, Hashable {
        /// `application/x-www-form-urlencoded`, as OAuth 1 token responses are (the default, Authlib's).
        case form
        /// `application/json` with `error`, `error_description`, `error_uri`.
        case json
    }

    /// The name/value pairs of the body: `error`, then `error_description` and `error_uri` when set.
    public var bodyParameters: Parameters {
        var parameters: Parameters = ["error": code.rawValue]
        if let errorDescription { parameters.append("error_description", Self.clean(errorDescription)) }
        if let uri { parameters.append("error_uri", uri) }
        return parameters
    }

    /// Renders the error as an HTTP answer.
    ///
    /// The body names the error; `Cache-Control: no-store` and `Pragma: no-cache` keep it out of
    /// caches; a 401 carries `WWW-Authenticate: OAuth realm="..."` (RFC 5849 §3.5.1, RFC 7235 §4.1);
    /// a 405 carries `Allow: POST`; a throttled answer (429) carries `Retry-After`.
    ///
    /// - Parameters:
    ///   - realm: the protection realm named in `WWW-Authenticate`; `nil` sends `OAuth` alone.
    ///   - format: form-encoded (default) or JSON.
    /// - Returns: the response value.
    public func response(realm: String? = nil, format: BodyFormat = .form) -> OAuth1Response {
        var headers = HTTPFields()
        let body: String
        switch format {
        case .form:
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = FormURLEncoding.encode(bodyParameters)
        case .json:
            headers[.contentType] = "application/json"
            body = Self.json(bodyParameters)
        }
        headers.append(contentsOf: OAuth1Response.noStoreHeaders)
        if status == 401 {
            headers.append(HTTPField(name: .wwwAuthenticate, value: Self.challenge(realm: realm)))
        }
        if status == 405 {
            headers.append(HTTPField(name: .allow, value: "POST"))
        }
        if let retryAfter {
            headers.append(HTTPField(name: .retryAfter, value: String(retryAfter)))
        }
        return OAuth1Response(status: HTTPResponse.Status(code: status), headerFields: headers, body: Array(body.utf8))
    }

    /// `OAuth realm="..."`, the challenge of RFC 5849 §3.5.1.
    public static func challenge(realm: String?) -> String {
        guard let realm else { return "OAuth" }
        let escaped = realm.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "OAuth realm=\"\(escaped)\""
    }

    /// Keeps a description within the printable ASCII range that RFC 6749 §5.2 allows (no `"` or `\`).
    static func clean(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                let value = scalar.value
                if value >= 0x20, value <= 0x7E, value != 0x22, value != 0x5C { return Character(scalar) }
                return value == 0x22 ? "'" : " "
            }
        )
    }

    private static func json(_ parameters: Parameters) -> String {
        var fields: [String] = []
        for pair in parameters.pairs {
            fields.append("\(jsonString(pair.name)):\(jsonString(pair.value))")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func jsonString(_ string: String) -> String {
        var output = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
