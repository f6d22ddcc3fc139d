import GatehouseCommon
public import HTTPCore
import HTTPTypes
import NIOCore
public import OAuth1

extension Request {
    /// This request as the OAuth 1 core sees it: the absolute URI from the effective scheme and host
    /// (what the client signed), lower-cased headers and the form body when there is one.
    ///
    /// - Throws: ``OAuth1Error`` for a malformed `Authorization: OAuth` header, parameters sent twice
    ///   or bad encoding.
    public func oauth1Request() throws(OAuth1Error) -> OAuth1Request {
        let headers = headerDictionary
        // The form body is decoded here, and only when there is a content type (decodeFormBody
        // reads the bytes only for a form one): the generic `rawBody` initialiser ran unspecialised
        // across the module boundary on every signed request.
        var form: Parameters?
        if let contentType = headers["content-type"] {
            form = try OAuth1Request.decodeFormBody(body.readableBytesView, contentType: contentType)
        }
        var request = try OAuth1Request(method: method.rawValue, uri: url, headers: headers, body: form)
        request.clientAddress = clientAddress
        return request
    }
}

extension Response {
    /// Converts the OAuth 1 core's response value.
    public init(_ response: OAuth1Response) {
        self.init(oauthStatus: response.status, headers: response.headers, body: Array(response.body.utf8))
    }
}
