"""The fault run's servers bind ports no client connection can hold (CI lost
a PostgreSQL start when its port, then in the ephemeral range, was the local
end of some connection: a connect probe said free, the bind failed)."""

import socket

from tests.resilience.stack import Stack, ephemeral_ports, port_bindable, port_free


def test_the_default_ports_lie_outside_the_ephemeral_range(tmp_path, monkeypatch):
    for name in ("PG", "REDIS", "WEB"):
        monkeypatch.delenv(f"RESILIENCE_{name}_PORT", raising=False)
    stack = Stack(tmp_path)
    for port in (stack.pg_port, stack.redis_port, stack.web_port):
        assert port not in ephemeral_ports()


def test_a_port_held_by_a_client_connection_is_not_bindable():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            client.connect(server.getsockname())
            held = client.getsockname()[1]  # the client's own end
            assert port_free(held)  # nothing listens there ...
            assert not port_bindable(held)  # ... yet no server could bind it
