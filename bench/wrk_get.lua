-- wrk script: GET with the Accept header in the environment variable ACCEPT.
wrk.method = "GET"
wrk.headers["Accept"] = os.getenv("ACCEPT") or "text/html"
