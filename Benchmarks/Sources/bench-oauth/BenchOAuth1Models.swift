import BenchSupport
import FoundationEssentials
import GatehouseCommon
import OAuth1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark's OAuth 1 client (HMAC-SHA1 shared secret).
struct BenchOAuth1Client: OAuth1Client {
    var clientID: String
    var clientSecret: String
}

/// The benchmark's one token credential.
struct BenchOAuth1TokenCredential: OAuth1TokenCredential {
    var clientID: String
    var oauthToken: String
    var oauthTokenSecret: String
    var userID: String?

    mutating func setGrantUser(_ userID: String) { self.userID = userID }
}

/// Pre-signs OAuth 1 requests for wrk with OAuth1's own signing code: one `Authorization` header
/// value per line, each with a distinct nonce and the current timestamp.
struct OAuth1HeaderSigner {
    /// `count` header values for `GET uri`, nonces `noncePrefix0`, `noncePrefix1`, ...
    func headers(count: Int, uri: String, noncePrefix: String) throws -> [String] {
        let registry = SignatureMethodRegistry.standard
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var headers: [String] = []
        headers.reserveCapacity(count)
        for index in 0..<count {
            var oauth: Parameters = ["oauth_consumer_key": BenchCredentials.oauth1ClientID]
            oauth.append("oauth_token", BenchCredentials.oauth1Token)
            oauth.append("oauth_signature_method", SignatureMethod.hmacSHA1.rawValue)
            oauth.append("oauth_timestamp", timestamp)
            oauth.append("oauth_nonce", noncePrefix + String(index))
            oauth.append("oauth_version", "1.0")
            let base = try SignatureBaseString.make(method: "GET", uri: uri, parameters: oauth)
            let signature = try registry.sign(
                .hmacSHA1,
                SignatureInput(
                    baseString: base,
                    clientSecret: BenchCredentials.oauth1ClientSecret,
                    tokenSecret: BenchCredentials.oauth1TokenSecret
                )
            )
            oauth.append("oauth_signature", signature)
            headers.append(OAuth1AuthorizationHeader.render(oauth))
        }
        return headers
    }

    func printHeaders(count: Int, uri: String, noncePrefix: String) throws {
        var output = ""
        output.reserveCapacity(1 << 20)
        for header in try headers(count: count, uri: uri, noncePrefix: noncePrefix) {
            output += header
            output += "\n"
            if output.utf8.count > (1 << 20) - 1024 {
                writeOut(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        writeOut(output)
    }

    private func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
