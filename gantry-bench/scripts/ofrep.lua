-- wrk script: OFREP single-flag evaluation with an SDK key from the environment (GANTRY_SDK_KEY).
wrk.method = "POST"
wrk.body = '{"context":{"targetingKey":"user-42","email":"ana@example.com","plan":"pro"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("GANTRY_SDK_KEY") or "")
