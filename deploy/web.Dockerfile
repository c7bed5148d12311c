# The browser's one origin in production-like runs: the built dashboard, plus an SSE-friendly
# reverse proxy (the stream to the gateways in turn, unbuffered; the API to the writer).
# Build context: the repository root.

FROM node:20-bookworm-slim AS build
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY deploy/nginx/default.conf /etc/nginx/conf.d/default.conf
COPY --from=build /web/dist /usr/share/nginx/html
EXPOSE 8080
