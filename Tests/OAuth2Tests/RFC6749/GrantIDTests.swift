import FoundationEssentials
import OAuthTestSupport
import Testing

@testable import OAuth2

struct GrantIDTests {
    @Test func newFamilyIDsSortInIssueOrderAndDiffer() {
        let earlier = GrantID.newFamily(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = GrantID.newFamily(at: Date(timeIntervalSince1970: 1_700_000_000.002))
        let sameMoment = GrantID.newFamily(at: Date(timeIntervalSince1970: 1_700_000_000.002))
        #expect(earlier < later)
        #expect(later != sameMoment)
        #expect(earlier.count == 34)
        #expect(earlier.hasPrefix("g018bcfe56800-"))  // 1,700,000,000,000 ms in 12 hex digits
        #expect(GrantID.newFamily(at: Date(timeIntervalSince1970: 9_999_999_999)) > earlier)
    }

    @Test func codeFamilyIDIsTheHexDigestOfTheCode() {
        // SHA-256("abc"), FIPS 180-2 Appendix B.1
        #expect(GrantID.derive(fromCode: "abc") == "code-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func tokensOfANewFamilyGetATimeOrderedGrantIDAndACodesTokensTheCodesFamily() throws {
        let server = AuthorizationServer(queryClient: { _ in nil }, saveToken: { _, _ in })
        let request = try OAuth2Request(method: "POST", uri: "https://a.example/token", headers: [:])
        let newFamily = server.generateToken(
            for: GrantRequest(request: request, client: MemoryClient(clientID: "c"), grantType: .clientCredentials),
            includeRefreshToken: false
        )
        #expect(newFamily.grantID.hasPrefix("g"))
        #expect(newFamily.grantID.count == 34)
        let fromCode = server.generateToken(
            for: GrantRequest(
                request: request,
                client: MemoryClient(clientID: "c"),
                grantType: .authorizationCode,
                grantID: GrantID.derive(fromCode: "abc")
            ),
            includeRefreshToken: true
        )
        #expect(fromCode.grantID == GrantID.derive(fromCode: "abc"))
    }
}
