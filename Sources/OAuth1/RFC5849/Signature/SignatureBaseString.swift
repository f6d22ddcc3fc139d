public import GatehouseCommon

/// The signature base string of RFC 5849 §3.4.1, and its two normalisation steps.
///
/// Both sides build it the same way: a client to sign, a server to verify.
///
/// ```swift
/// let base = try SignatureBaseString.make(
///     method: "GET",
///     uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
///     parameters: ["oauth_consumer_key": "dpf43f3p2l4k3l03", "oauth_nonce": "kllo9940pd9333jh", ...])
/// ```
public enum SignatureBaseString {
    /// Builds `METHOD&encode(base string URI)&encode(normalized parameters)` (§3.4.1.1).
    ///
    /// The query of `uri` is decoded as `application/x-www-form-urlencoded` and joins `parameters`
    /// (§3.4.1.3.1); `oauth_signature` is left out wherever it appears. The caller leaves out the
    /// Authorization header's `realm`.
    ///
    /// - Parameters:
    ///   - method: the HTTP method; upper-cased here.
    ///   - uri: the absolute request URI, query included.
    ///   - parameters: the decoded form body and protocol parameters (not the query).
    /// - Returns: the base string.
    /// - Throws: ``OAuth1Error`` `invalid_request` when `uri` is not absolute or its query is badly encoded.
    public static func make(method: String, uri: String, parameters: Parameters) throws(OAuth1Error) -> String {
        let parsed = try RequestURI(parsing: uri)
        var all = Parameters()
        if let query = parsed.query {
            do { all = try FormURLEncoding.decode(query) } catch {
                throw .invalidRequest("the query is not valid form encoding: \(error)")
            }
        }
        all.pairs.append(contentsOf: parameters.pairs)
        return make(method: method, baseStringURI: parsed.baseStringURI, allParameters: all)
    }

    /// Builds the base string from an already normalised URI and the complete parameter list
    /// (query, body and protocol parameters), leaving out `oauth_signature`.
    ///
    /// - Parameters:
    ///   - method: the HTTP method; upper-cased here.
    ///   - baseStringURI: the result of ``normalizeURI(_:)``.
    ///   - allParameters: every parameter of §3.4.1.3.1.
    /// - Returns: the base string.
    public static func make(method: String, baseStringURI: String, allParameters: Parameters) -> String {
        var pairs: [SignatureBaseStringWriter.EncodedPair] = []
        pairs.reserveCapacity(allParameters.count)
        SignatureBaseStringWriter.appendEncoded(allParameters, to: &pairs)
        SignatureBaseStringWriter.sort(&pairs)
        return SignatureBaseStringWriter.render(method: method, uri: .normalized(baseStringURI), pairs: pairs)
    }

    /// Builds the base string of a parsed request: the URI's pieces are encoded where they lie
    /// and the three parameter sources are read where they are, with no joined copies.
    static func make(method: String, uri: RequestURI, query: Parameters, body: Parameters?, header: Parameters) -> String {
        var pairs: [SignatureBaseStringWriter.EncodedPair] = []
        pairs.reserveCapacity(query.count + (body?.count ?? 0) + header.count)
        SignatureBaseStringWriter.appendEncoded(query, to: &pairs)
        if let body { SignatureBaseStringWriter.appendEncoded(body, to: &pairs) }
        SignatureBaseStringWriter.appendEncoded(header, to: &pairs)
        SignatureBaseStringWriter.sort(&pairs)
        return SignatureBaseStringWriter.render(method: method, uri: .parsed(uri), pairs: pairs)
    }

    /// The base string URI of §3.4.1.2: scheme and host in lower case, the port only when it is not
    /// the scheme's default, the path as sent, no query or fragment.
    ///
    /// `HTTP://EXAMPLE.COM:80/r%20v/X?id=123` becomes `http://example.com/r%20v/X`.
    ///
    /// - Parameter uri: an absolute URI.
    /// - Returns: the normalised URI.
    /// - Throws: ``OAuth1Error`` `invalid_request` when `uri` is not absolute.
    public static func normalizeURI(_ uri: String) throws(OAuth1Error) -> String {
        try RequestURI(parsing: uri).baseStringURI
    }

    /// The normalised parameter string of §3.4.1.3.2: every name and value encoded (§3.6), sorted by
    /// name then value in byte order, joined as `name=value` pairs with `&`. `oauth_signature` is left out.
    ///
    /// - Parameter parameters: decoded pairs, duplicates kept.
    /// - Returns: the normalised string.
    public static func normalizeParameters(_ parameters: Parameters) -> String {
        var pairs: [SignatureBaseStringWriter.EncodedPair] = []
        pairs.reserveCapacity(parameters.count)
        SignatureBaseStringWriter.appendEncoded(parameters, to: &pairs)
        SignatureBaseStringWriter.sort(&pairs)
        var result = ""
        for (index, pair) in pairs.enumerated() {
            if index > 0 { result += "&" }
            result += pair.name + "=" + pair.value
        }
        return result
    }
}
