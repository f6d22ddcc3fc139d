import Foundation
import GatehouseTesting
import NIOHTTP1
import Testing

/// `DemoApp serve --metrics-port P`: after a short load, a Prometheus scrape of
/// `http://127.0.0.1:P/metrics` shows the `gatehouse_` HTTP and OAuth series with the right counts.
struct MetricsEndpointTests {
    /// One sample of the text exposition: `name{label="value",...} number`.
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    @Test func aScrapeShowsTheHTTPAndOAuthSeriesOfTheLoad() async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let metricsPort = try LoopbackPort.free()
        let process = try await DemoProcess.serve(in: directory, extra: ["--metrics-port", String(metricsPort)])
        do {
            let demo = try SeededDemo(process: process, directory: directory)
            try await Self.waitUntilListening(process, ports: [process.port, metricsPort])
            #expect(process.output.text.contains("Listening on http://127.0.0.1:\(metricsPort)"))
            try await Self.load(demo)
            try await Self.checkScrape(demo, metricsPort: metricsPort)
        } catch {
            _ = await process.stop()
            throw error
        }
        #expect(await process.stop() == 0)
    }

    @Test func anInvalidMetricsPortIsRefused() async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let zero = try await DemoProcess.run(["serve", "--metrics-port", "0"], in: directory)
        #expect(zero.status != 0)
        #expect(zero.output.contains("--metrics-port must be between 1 and 65535"))
        let same = try await DemoProcess.run(["serve", "--port", "8123", "--metrics-port", "8123"], in: directory)
        #expect(same.status != 0)
        #expect(same.output.contains("--metrics-port must differ from --port"))
    }

    @Test func aBusyMetricsPortStopsTheServerWithAClearError() async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let busy = try Self.listeningSocket()
        defer { close(busy.socket) }
        let port = try LoopbackPort.free()
        let result = try await DemoProcess.run(["serve", "--port", String(port), "--metrics-port", String(busy.port)], in: directory)
        #expect(result.status != 0)
        #expect(result.output.contains("metrics port \(busy.port) on 127.0.0.1 is already in use"))
    }

    /// A socket listening on a free loopback port, to make that port busy.
    static func listeningSocket() throws -> (socket: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 1) == 0 else {
            close(fd)
            throw TestFailure("could not listen on a loopback port")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// 12 client-credentials tokens, 4 password tokens, 2 refused client secrets, 10 calls to
    /// `/api/me` with a good token, 6 with a forged one, 3 to a missing page.
    static func load(_ demo: SeededDemo) async throws {
        for _ in 0..<12 {
            let response = try await demo.token([("grant_type", "client_credentials"), ("scope", "profile")])
            guard response.status == 200 else { throw TestFailure("client credentials answered \(response.status): \(response.body)") }
        }
        var accessToken = ""
        for _ in 0..<4 {
            accessToken = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
        }
        for _ in 0..<2 {
            let refused = try await demo.token(
                [("grant_type", "client_credentials")],
                authorization: SeededDemo.basic(demo.clientID, "not-the-secret")
            )
            #expect(refused.status == 401)
        }
        for _ in 0..<10 {
            #expect(try await demo.api(.GET, "/api/me", bearer: accessToken).status == 200)
        }
        for index in 0..<6 {
            #expect(try await demo.api(.GET, "/api/me", bearer: "forged-\(index)").status == 401)
        }
        for index in 0..<3 {
            #expect(try await demo.browser().get("/no/such/page/\(index)").status == 404)
        }
    }

    static func checkScrape(_ demo: SeededDemo, metricsPort: Int) async throws {
        let scrape = try await CookieJarClient(base: "http://127.0.0.1:\(metricsPort)").get("/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let samples = parse(scrape.body)
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }

        // OAuth series, from the protocol cores.
        let issued = "gatehouse_oauth_tokens_issued_total"
        #expect(value(issued, ["protocol": "oauth2", "grant_type": "client_credentials"]) == 12)
        #expect(value(issued, ["protocol": "oauth2", "grant_type": "password"]) == 4)
        let decisions = "gatehouse_oauth_guard_decisions_total"
        #expect(value(decisions, ["protocol": "oauth2", "outcome": "allowed", "error": "none"]) == 10)
        #expect(value(decisions, ["protocol": "oauth2", "outcome": "denied", "error": "invalid_token"]) == 6)
        #expect(value("gatehouse_oauth_errors_total", ["protocol": "oauth2", "error": "invalid_client"]) == 2)

        // HTTP series, by route pattern.
        let requests = "gatehouse_http_requests_total"
        let token = ["http_route": "/oauth/token", "http_request_method": "POST"]
        #expect(value(requests, token.merging(["http_response_status_code": "200"]) { $1 }) == 16)
        #expect(value(requests, token.merging(["http_response_status_code": "401"]) { $1 }) == 2)
        let me = ["http_route": "/api/me", "http_request_method": "GET"]
        #expect(value(requests, me.merging(["http_response_status_code": "200"]) { $1 }) == 10)
        #expect(value(requests, me.merging(["http_response_status_code": "401"]) { $1 }) == 6)
        #expect(value(requests, ["http_route": "NotFound", "http_response_status_code": "404"]) == 3)
        #expect(value("gatehouse_http_request_errors_total", ["http_route": "NotFound", "error_type": "404"]) == 3)
        let durations = "gatehouse_http_request_duration_seconds_count"
        #expect(value(durations, me.merging(["http_response_status_code": "200"]) { $1 }) == 10)
        #expect(samples.contains { $0.name == "gatehouse_http_request_duration_seconds_bucket" })
        #expect(value("gatehouse_http_active_requests", ["http_request_method": "POST"]) == 0)

        // Never a raw path or a token in a label.
        for sample in samples where sample.name.hasPrefix("gatehouse_") {
            #expect(!sample.labels.values.contains { $0.contains("/no/such") || $0.contains("forged") })
        }
    }

    /// The samples of a Prometheus text exposition (comments skipped).
    static func parse(_ text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line -> Sample? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                return nil
            }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)...].dropLast().split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return Sample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }

    static func waitUntilListening(_ process: DemoProcess, ports: [Int]) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = process.output.text
            if ports.allSatisfy({ text.contains("Listening on http://127.0.0.1:\($0)") }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("DemoApp did not listen on \(ports): \(process.output.text)")
    }
}
