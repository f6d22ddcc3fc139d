import HTTPCore
import Testing

/// `next` after login may only be a path on this site (RFC 9700 §4.11: no open redirector).
struct LocalRedirectPathTests {
    @Test(arguments: [
        "/%09/evil.example" as String?,  // percent-encoded: stays a path (what the browser gets literally)
        "/account", "/a/b?x=1&y=2#top", "/", "/oauth/authorize?client_id=abc&scope=a%20b",
    ])
    func localPathsAreKept(candidate: String?) throws {
        let path = try #require(LocalRedirectPath(candidate))
        #expect(path.value == candidate)
    }

    @Test(arguments: [
        "/\t/evil.example",  // the attack: browsers strip the tab and go to //evil.example
        "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "//evil.example", "/\\evil.example",
        "/\\/evil.example", "\\/evil.example", "https://evil.example/", "evil.example", "", "javascript:alert(1)",
        "/a\u{0}b", "/a\u{7F}", "/a\u{85}b", "/a\u{2028}b", "/a\u{3000}b", "/a\u{200B}b", "/a b",
    ])
    func anythingElseIsRefused(candidate: String) {
        #expect(LocalRedirectPath(candidate) == nil, "\(candidate.debugDescription)")
    }

    @Test func absentAndOverlongAreRefused() {
        #expect(LocalRedirectPath(nil) == nil)
        #expect(LocalRedirectPath("/" + String(repeating: "a", count: LocalRedirectPath.maximumLength)) == nil)
    }

    @Test func whatIsKeptIsReSerializedPercentEncoded() throws {
        #expect(try #require(LocalRedirectPath("/café?q=<x>\"")).value == "/caf%C3%A9?q=%3Cx%3E%22")
        #expect(try #require(LocalRedirectPath("/a?b?c")).value == "/a?b?c")
    }
}
