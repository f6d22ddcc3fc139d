import HTTPCore

// Placeholder until the DemoApp issue: serves a hello page on the embedded default.
let app = App(config: .environment())
app.get("/") { _ in .html("<!doctype html><title>Gatehouse</title><h1>Gatehouse</h1><p>Hello from the Gatehouse demo.</p>") }
try await app.run(host: "127.0.0.1", port: 8080)
