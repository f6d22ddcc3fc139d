import Foundation
import GatehouseJOSE
import JWTKit
import Testing

/// Published JOSE examples, checked through jwt-kit and Gatehouse's JOSE pieces: RFC 7515
/// Appendix A.2 (RS256) and A.3 (ES256) signatures verify with their public JWKs, and the RFC 7638
/// §3.1 key has its published thumbprint.
struct PublishedVectorsTests {
    /// RFC 7515 A.2.1 and A.3.1: `{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}`.
    struct ExampleClaims: JWTPayload, Equatable {
        var iss: String
        var exp: Int
        var isRoot: Bool

        enum CodingKeys: String, CodingKey {
            case iss, exp
            case isRoot = "http://example.com/is_root"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}  // the 2011 expiry is not the point here
    }

    static let payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"

    /// RFC 7515 A.2: the JWS and the RSA public key (`n`, `e`) of A.2.1.
    static let rs256JWS =
        "eyJhbGciOiJSUzI1NiJ9." + payload
        + ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQj"
        + "bKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZES"
        + "c6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"
    static let rs256JWK = """
        {"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","alg":"RS256","kid":"A.2"}
        """

    /// RFC 7515 A.3: the JWS and the P-256 public key of A.3.1.
    static let es256JWS =
        "eyJhbGciOiJFUzI1NiJ9." + payload + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"
    static let es256JWK = """
        {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ES256","kid":"A.3"}
        """

    static let expected = ExampleClaims(iss: "joe", exp: 1_300_819_380, isRoot: true)

    @Test(arguments: [(rs256JWS, rs256JWK, "RS256"), (es256JWS, es256JWK, "ES256")])
    func rfc7515ExampleVerifiesWithItsPublicKey(jws: String, jwk: String, alg: String) async throws {
        let keys = JWTKeyCollection()
        try await keys.add(jwk: JWK(json: jwk))
        #expect(try await keys.verify(jws, as: ExampleClaims.self) == Self.expected)
        #expect(try JOSEHeader(compact: jws).alg == alg)

        // One bit of the signature changed: refused.
        var tampered = Array(jws)
        let index = tampered.count - 5
        tampered[index] = tampered[index] == "A" ? "B" : "A"
        await #expect(throws: (any Error).self) { try await keys.verify(String(tampered), as: ExampleClaims.self) }
    }

    @Test func rfc7638ThumbprintOfTheSection31Key() throws {
        let jwk = try JWK(
            json: """
                {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
                """
        )
        #expect(try JWKThumbprint.sha256(of: jwk) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test func thumbprintRefusesMissingOrEscapedMembers() throws {
        let missing = try JWK(json: #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#)
        #expect(throws: JWKThumbprint.MissingMember.self) { try JWKThumbprint.sha256(of: missing) }
        let quoted = try JWK(json: #"{"kty":"RSA","n":"abc\",\"kty\":\"x","e":"AQAB"}"#)
        #expect(throws: JWKThumbprint.MissingMember.self) { try JWKThumbprint.sha256(of: quoted) }
    }
}
