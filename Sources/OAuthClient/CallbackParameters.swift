import GatehouseCommon
import OAuth1

/// Reads the parameters of an authorization callback given as a full URL, a path with a query, or a
/// bare query string; the fragment's parameters are read too when the query has none (implicit-style
/// answers).
enum CallbackParameters {
    static func parse(_ urlOrQuery: String) throws(OAuthClientError) -> Parameters {
        var text = Substring(urlOrQuery)
        var fragment: Substring?
        if let hash = text.firstIndex(of: "#") {
            fragment = text[text.index(after: hash)...]
            text = text[..<hash]
        }
        let query: Substring
        if let mark = text.firstIndex(of: "?") {
            query = text[text.index(after: mark)...]
        } else if text.contains("://") || text.hasPrefix("/") {
            query = ""
        } else {
            query = text
        }
        let source = query.isEmpty ? (fragment ?? "") : query
        do { return try FormURLEncoding.decode(source) } catch {
            throw OAuthClientError(.malformedResponse, message: "the callback parameters are not valid form encoding: \(error)")
        }
    }

    /// `uri` with `parameters` appended to its query (reusing the OAuth 1 core's URL helper).
    static func appending(_ parameters: Parameters, to uri: String) -> String {
        OAuth1Response.addingQuery(parameters, to: uri)
    }
}
