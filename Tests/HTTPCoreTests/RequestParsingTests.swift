import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import NIOCore
import Testing

struct RequestParsingTests {
    func echoApp() -> App {
        let app = App(config: Config())
        app.get("/query") { request in
            let query = try request.query
            return .text(query.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))
        }
        app.post("/form") { request in
            let form = try request.form()
            return .text(form.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))
        }
        app.post("/json") { request in
            struct Note: Codable { var text: String }
            return .text(try request.decode(Note.self).text)
        }
        app.get("/cookies") { request in
            .text(request.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|"))
        }
        return app
    }

    @Test func queryKeepsRepeatedKeysAndDecodesPlus() async throws {
        try await echoApp().test { client throws in
            #expect(try await client.get("/query?a=1&b=x+y&a=2&c=%2B%26").text == "a=1|b=x y|a=2|c=+&")
            #expect(try await client.get("/query?flag&empty=").text == "flag=|empty=")
        }
    }

    @Test(arguments: ["/query?a=%", "/query?a=%2", "/query?a=%zz", "/query?a=%ff"])
    func badQueryEncodingIs400(target: String) async throws {
        #expect(try await echoApp().withTestClient { try await $0.get(target) }.status == .badRequest)
    }

    @Test func formKeepsRepeatedKeysAndDecodesPlus() async throws {
        try await echoApp().test { client throws in
            let response = try await client.post(
                "/form",
                body: "scope=a+b&scope=c&x=%3D",
                contentType: "application/x-www-form-urlencoded; charset=utf-8"
            )
            #expect(response.text == "scope=a b|scope=c|x==")
        }
    }

    @Test func badFormEncodingIs400() async throws {
        let response = try await echoApp().withTestClient {
            try await $0.post("/form", body: "a=%G1", contentType: "application/x-www-form-urlencoded")
        }
        #expect(response.status == .badRequest)
    }

    @Test func otherContentTypesHaveAnEmptyForm() async throws {
        let response = try await echoApp().withTestClient { try await $0.post("/form", body: "a=1", contentType: "text/plain") }
        #expect(response.text == "")
    }

    @Test func jsonBodiesDecodeAndBadOnesAre4xx() async throws {
        try await echoApp().test { client throws in
            #expect(try await client.post("/json", json: ["text": "hi"]).text == "hi")
            #expect(try await client.post("/json", body: "{", contentType: "application/json").status == .badRequest)
            #expect(try await client.post("/json", body: "{}", contentType: "text/plain").status == .unsupportedMediaType)
        }
    }

    @Test func cookiesAreParsed() async throws {
        let response = try await echoApp().withTestClient { try await $0.get("/cookies", headers: [.cookie: "a=1; b=\"two\"; a=3"]) }
        #expect(response.text == "a=1|b=two")
    }

    @Test func responseHelpersSetContentTypes() throws {
        #expect(Response.text("x").headers[.contentType] == "text/plain; charset=utf-8")
        #expect(Response.html("<p>").headers[.contentType] == "text/html; charset=utf-8")
        #expect(try Response.json(["a": 1]).headers[.contentType] == "application/json")
        let form = Response.form(["a": "b c"])
        #expect(String(buffer: form.body) == "a=b%20c")
        let redirect = Response.redirect(to: "/next")
        #expect(redirect.status == .seeOther && redirect.headers[.location] == "/next")
    }
}
