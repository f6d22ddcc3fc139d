public import HTTPCore
import HTTPTypes
import NIOCore
public import OAuth2

extension Response {
    /// Converts the OAuth 2 core's response value.
    public init(_ response: OAuth2Response) {
        self.init(oauthStatus: response.status, headers: response.headers, body: response.body)
    }

    /// Builds a response from a status code, `(name, value)` header pairs and body bytes, as the
    /// protocol cores produce them; fields with invalid names are dropped.
    init(oauthStatus status: Int, headers: [(String, String)], body: some Sequence<UInt8>) {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        self.init(status: HTTPResponse.Status(code: status), headers: fields, body: ByteBuffer(bytes: body))
    }
}
