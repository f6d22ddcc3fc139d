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
        ("remote_profile", remoteProfile), ("connections", connections),
    ]

    static let header = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Gatehouse demo</title>
        <style>
        :root{--ink:#1d2330;--muted:#5d6677;--line:#e3e6ec;--accent:#2457d6;--bad:#b42318;--ok:#067647;--soft:#f5f7fb}
        *{box-sizing:border-box}
        body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:48rem;margin:0 auto;padding:0 1rem 3rem;color:var(--ink)}
        header{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center;padding:.8rem 0;border-bottom:1px solid var(--line);margin-bottom:1.5rem}
        header a.brand{color:var(--ink);text-decoration:none;font-weight:700}
        h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}
        a{color:var(--accent)}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.45rem;text-align:left;vertical-align:top}
        code{background:var(--soft);padding:.1rem .3rem;border-radius:4px;word-break:break-all;font-size:.9em}
        pre{background:var(--soft);padding:.8rem;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
        form.inline{display:inline}label{display:block;margin:.7rem 0 .2rem;font-weight:600}
        input,select{font:inherit;padding:.5rem;width:100%;border:1px solid #c7ccd6;border-radius:6px}
        button,.button{display:inline-block;font:inherit;padding:.5rem 1.1rem;margin:.6rem .4rem 0 0;border-radius:6px;border:1px solid #c7ccd6;background:#fff;color:var(--ink);cursor:pointer;text-decoration:none}
        button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
        header button{margin:0 0 0 .5rem;padding:.3rem .8rem}
        .box{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
        .error{color:var(--bad)}.ok{color:var(--ok)}.muted{color:var(--muted)}
        ul.scopes{list-style:none;padding:0}ul.scopes li{padding:.5rem 0;border-bottom:1px solid var(--line)}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions button{flex:1 1 10rem;margin:0}
        @media (max-width:32rem){body{font-size:15px}td,th{padding:.35rem .25rem}h1{font-size:1.35rem}}
        </style></head><body>
        <header><a class="brand" href="/">Gatehouse demo</a><span>{{#user}}{{username}} <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{csrf}}"><button>Log out</button></form>{{/user}}{{^user}}<a href="/login">Log in</a>{{/user}}</span></header>
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
        {{> connections}}
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
        {{#user}}<p class="muted">Logged in as <strong>{{username}}</strong>. Not you? Log out above.</p>{{/user}}
        <p><strong>{{clientName}}</strong> (<code>{{clientID}}</code>) asks for access to your account{{^empty(scopes)}} with these scopes:{{/empty(scopes)}}</p>
        <ul class="scopes">{{#scopeDetails}}<li><code>{{scope}}</code> {{meaning}}</li>{{/scopeDetails}}</ul>
        <p class="muted">You will be sent back to <code>{{redirectURI}}</code>. You can revoke this access from the home page at any time.</p>
        <form method="post" action="{{action}}" class="actions">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit" name="confirm" value="yes" class="primary">Allow</button><button type="submit" name="confirm" value="no">Deny</button>
        </form>
        {{> footer}}
        """

    static let oauth1Consent = """
        {{> header}}
        <h1>Authorize {{clientName}}</h1>
        {{#user}}<p class="muted">Logged in as <strong>{{username}}</strong>. Not you? Log out above.</p>{{/user}}
        <p>The OAuth 1.0 client <strong>{{clientName}}</strong> (<code>{{clientID}}</code>) asks to read your profile and act on your account.</p>
        <form method="post" action="{{action}}" class="actions">
        <input type="hidden" name="csrf_token" value="{{csrf}}">
        <button type="submit" name="confirm" value="yes" class="primary">Allow</button><button type="submit" name="confirm" value="no">Deny</button>
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
        {{#hint}}<p>{{hint}}</p>{{/hint}}
        <p><a class="button" href="/">Back home</a></p>
        {{> footer}}
        """

    /// The home page's "Connected accounts": every remote app, with its stored token's state.
    static let connections = """
        <h2>Connected accounts</h2>
        <p class="muted">This demo is also an OAuth client: connect it to a provider and it stores your token, refreshes it when it expires and reads your profile.</p>
        <table><tr><th>Remote app</th><th>Status</th><th></th></tr>
        {{#remoteApps}}<tr><td><strong>{{name}}</strong>{{#protocol}}<br><span class="muted">{{protocol}}</span>{{/protocol}}</td>
        <td>{{#connected}}connected {{connected}}{{#refreshed}}<br><span class="muted">refreshed {{refreshed}}</span>{{/refreshed}}{{/connected}}{{^connected}}<span class="muted">not connected</span>{{/connected}}</td>
        <td>{{#connected}}<a href="/profile/{{name}}">Profile</a> <form class="inline" method="post" action="/disconnect/{{name}}"><input type="hidden" name="csrf_token" value="{{csrf}}"><button>Disconnect</button></form>{{/connected}}{{^connected}}<a class="button primary" href="/login/{{name}}">Connect</a>{{/connected}}</td></tr>{{/remoteApps}}
        </table>
        """

    /// `/profile/:name`: what the remote API answered with the stored token.
    static let remoteProfile = """
        {{> header}}
        <h1>Your profile at {{name}}</h1>
        {{#message}}<p class="error">{{message}}</p>{{/message}}
        {{#refreshedNow}}<p class="ok" id="refreshed">{{refreshedNow}}</p>{{/refreshedNow}}
        {{#connection}}<p class="muted">{{protocol}} · connected {{connected}}{{#refreshed}} · last refreshed {{refreshed}}{{/refreshed}}{{#expires}} · access token expires {{expires}}{{/expires}}</p>{{/connection}}
        {{#status}}<p>GET <code>{{path}}</code> answered <strong>{{status}}</strong>:</p>{{/status}}
        {{^empty(fields)}}<table id="profile">{{#fields}}<tr><th>{{key}}</th><td>{{value}}</td></tr>{{/fields}}</table>{{/empty(fields)}}
        {{#body}}<pre>{{body}}</pre>{{/body}}
        <p>{{^connection}}<a class="button primary" href="/login/{{name}}">Connect {{name}}</a>{{/connection}}<a class="button" href="/">Back home</a></p>
        {{> footer}}
        """
}
