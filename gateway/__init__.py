"""The gateway: API keys and roles, rate limits, routing to the services, one OpenAPI document."""
