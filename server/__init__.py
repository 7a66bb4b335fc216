"""The server: the Flask application (`server.app.create_app`), serving it (`serve`, `deploy`) and
the `ccmkg` command (`cli`). Nothing is imported here: `ccmkg build` reaches this package through
the command and must not load Flask (a third of a second of every build)."""
