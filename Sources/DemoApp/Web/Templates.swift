import Mustache

/// The demo's pages, as Mustache templates compiled into the binary (nothing to find on disk).
/// `{{value}}` is HTML-escaped by the engine; no page is built by concatenating strings.
enum Templates {
    static func makeLibrary() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in sources { try library.register(text, named: name) }
        return library
    }

    static let sources: [(String, String)] = [
        ("header", header), ("footer", footer), ("home", home), ("login", login), ("clients", clients),
        ("consent", consent), ("oauth1_consent", oauth1Consent), ("verifier", verifier), ("profile", profile), ("error", error),
    ]

    static let header = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Gatehouse demo</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
        header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ddd;margin-bottom:1.5rem}
        header a{color:#222;text-decoration:none;font-weight:600}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.4rem;text-align:left;vertical-align:top}
        code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
        form.inline{display:inline}label{display:block;margin:.6rem 0 .2rem}input,select{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}
        button{font:inherit;padding:.4rem 1rem;margin:.6rem .4rem 0 0}.box{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}
        .error{color:#a00}.muted{color:#666}
        </style></head><body>
        <header><a href="/">Gatehouse demo</a><span>{{#user}}{{username}} <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{csrf}}"><button>Log out</button></form>{{/user}}{{^user}}<a href="/login">Log in</a>{{/user}}</span></header>
        <main>
        """

    static let footer = """
        </main></body></html>
        """

    static let home = """
        {{> header}}
        <h1>Gatehouse demo</h1>
        <p>An OAuth 1.0 and OAuth 2.0 provider and client, on Gatehouse with the embedded SQLite store.</p>
        {{#user}}
        <p>Logged in as <strong>{{username}}</strong> (id <code>{{id}}</code>).</p>
        {{/user}}
        {{^user}}<p><a href="/login">Log in</a> to see your clients and grants.</p>{{/user}}
        {{#user}}
        <h2>Your clients</h2>
        {{^empty(clients)}}<table><tr><th>Name</th><th>Protocol</th><th>Client ID</th></tr>
        {{#clients}}<tr><td>{{name}}</td><td>{{protocol}}</td><td><code>{{clientID}}</code></td></tr>{{/clients}}</table>{{/empty(clients)}}
        {{^clients}}<p class="muted">None yet.</p>{{/clients}}
        <p><a href="/clients">Register a client</a> · <a href="/connect/gatehouse">Log in with Gatehouse (the client side of this demo)</a></p>
        <h2>Access you granted</h2>
        {{^empty(grants)}}<table><tr><th>Client</th><th>Scope</th><th>Issued</th><th></th></tr>
        {{#grants}}<tr><td><code>{{clientID}}</code></td><td>{{scope}}</td><td>{{issued}}</td>
        <td><form class="inline" method="post" action="/grants/revoke"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="grant" value="{{grantID}}"><button>Revoke</button></form></td></tr>{{/grants}}</table>{{/empty(grants)}}
        {{^grants}}<p class="muted">No active grants.</p>{{/grants}}
        {{/user}}
        {{> footer}}
        """

    static let login = """
        {{> header}}
        <h1>Log in</h1>
        {{#message}}<p class="error">{{message}}</p>{{/message}}
        <form method="post" action="/login">
        <input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
        <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Log in</button>
        </form>
        {{> footer}}
        """

    static let clients = """
        {{> header}}
        <h1>Register a client</h1>
        {{#created}}<div class="box"><p>Client <strong>{{name}}</strong> registered. Keep the secret now: it is stored hashed and cannot be shown again.</p>
        <p>client_id: <code>{{clientID}}</code><br>{{#secret}}client_secret: <code>{{secret}}</code>{{/secret}}</p></div>{{/created}}
        {{#message}}<p class="error">{{message}}</p>{{/message}}
        <form method="post" action="/clients" class="box">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <label for="protocol">Protocol</label><select id="protocol" name="protocol"><option value="oauth2">OAuth 2.0</option><option value="oauth1">OAuth 1.0</option></select>
        <label for="name">Name</label><input id="name" name="name" required>
        <label for="redirect_uri">Redirect URI (OAuth 2) or callback URI (OAuth 1)</label><input id="redirect_uri" name="redirect_uri" placeholder="https://client.example/callback" required>
        <label for="scope">Scope (OAuth 2)</label><input id="scope" name="scope" value="profile email notes">
        <label for="auth_method">Token endpoint authentication (OAuth 2)</label><select id="auth_method" name="token_endpoint_auth_method"><option>client_secret_basic</option><option>client_secret_post</option><option>none</option></select>
        <button type="submit">Register</button>
        </form>
        {{> footer}}
        """

    static let consent = """
        {{> header}}
        <h1>Authorize {{clientName}}</h1>
        <p><strong>{{clientName}}</strong> (<code>{{clientID}}</code>) asks for access to your account{{^empty(scopes)}} with these scopes:{{/empty(scopes)}}</p>
        <ul>{{#scopes}}<li><code>{{.}}</code></li>{{/scopes}}</ul>
        <p class="muted">You will be sent back to <code>{{redirectURI}}</code>.</p>
        <form method="post" action="{{action}}">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit" name="confirm" value="yes">Allow</button><button type="submit" name="confirm" value="no">Deny</button>
        </form>
        {{> footer}}
        """

    static let oauth1Consent = """
        {{> header}}
        <h1>Authorize {{clientName}}</h1>
        <p>The OAuth 1.0 client <strong>{{clientName}}</strong> (<code>{{clientID}}</code>) asks for access to your account.</p>
        <form method="post" action="{{action}}">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit" name="confirm" value="yes">Allow</button><button type="submit" name="confirm" value="no">Deny</button>
        </form>
        {{> footer}}
        """

    static let verifier = """
        {{> header}}
        <h1>Access granted</h1>
        <p>Enter this verification code in the application: <code id="verifier">{{verifier}}</code></p>
        {{> footer}}
        """

    static let profile = """
        {{> header}}
        <h1>Logged in with Gatehouse</h1>
        <p>The demo's client side fetched your profile from <code>/api/me</code> with its access token:</p>
        <table><tr><th>id</th><td><code>{{id}}</code></td></tr><tr><th>username</th><td>{{username}}</td></tr></table>
        {{> footer}}
        """

    static let error = """
        {{> header}}
        <h1>{{title}}</h1>
        <p class="error">{{message}}</p>
        <p><a href="/">Back home</a></p>
        {{> footer}}
        """
}
