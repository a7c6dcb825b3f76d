"""A tiny stand-in OpenID Connect provider for tests, served on 127.0.0.1 from a thread: discovery document,
JWKS, token endpoint (authorization code + PKCE S256, RS256-signed id_token) and userinfo.

A test plays the person at the provider's login page by calling `approve(state_params, claims)`, which
returns the authorization code the provider would have sent the browser back with.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


class StandInProvider:
    def __init__(self, client_id="sentra-registri", client_secret="rahasia-klien"):
        self.client_id, self.client_secret = client_id, client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.codes, self.tokens = {}, {}
        self.audience = None  # tests may issue tokens for another client
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if path == "/jwks":
                    jwk = json.loads(RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._json(200, {"keys": [{**jwk, "kid": provider.kid, "alg": "RS256", "use": "sig"}]})
                if path == "/userinfo":
                    claims = provider.tokens.get(self.headers.get("Authorization", "")[len("Bearer "):])
                    return self._json(200, claims) if claims else self._json(401, {"error": "invalid_token"})
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                if urlparse(self.path).path != "/token":
                    return self._json(404, {"error": "not_found"})
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                grant = provider.codes.pop(form.get("code"), None)
                if grant is None or form.get("client_secret") != provider.client_secret or form.get("client_id") != provider.client_id:
                    return self._json(400, {"error": "invalid_grant"})
                challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
                if challenge != grant["code_challenge"] or form.get("redirect_uri") != grant["redirect_uri"]:
                    return self._json(400, {"error": "invalid_grant"})
                access_token = secrets.token_urlsafe(24)
                provider.tokens[access_token] = grant["claims"]
                return self._json(200, {"access_token": access_token, "token_type": "Bearer", "id_token": provider.id_token(grant)})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def discovery(self):
        return {
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize", "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo", "jwks_uri": f"{self.url}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
        }

    def approve(self, authorize_params, claims):
        """The person logs in at the provider: remember what the code stands for and return the code."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "claims": claims, "nonce": authorize_params["nonce"], "code_challenge": authorize_params["code_challenge"],
            "redirect_uri": authorize_params["redirect_uri"],
        }
        return code

    def id_token(self, grant):
        now = int(time.time())
        payload = {
            "iss": self.url, "sub": grant["claims"]["sub"], "aud": self.audience or self.client_id, "iat": now, "exp": now + 300,
            "nonce": grant["nonce"],
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})
