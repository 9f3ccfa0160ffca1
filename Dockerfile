# One image recipe for both APIs, built from the repository root; SERVICE names the folder under services/ and
# PORT the port it listens on (docker-compose.yml passes both):
#   docker build --build-arg SERVICE=service-api --build-arg PORT=3000 -t brandi-service-api .
#   docker build --build-arg SERVICE=backoffice-api --build-arg PORT=3001 -t brandi-backoffice-api .
FROM node:20-bookworm-slim AS build
ARG SERVICE
WORKDIR /repo
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
COPY e2e ./e2e
RUN test -n "$SERVICE" -a -f "services/$SERVICE/package.json" || { echo "--build-arg SERVICE= names a folder under services/" >&2; exit 1; }
RUN pnpm install --frozen-lockfile
RUN pnpm exec tsc -b "services/$SERVICE"
# Only this service and its production dependencies (workspace packages as built dist).
RUN pnpm --filter "@brandi/$SERVICE" deploy --prod --legacy /out
# The container runs the service's own `start` script (its node flags live there, e.g. the back office's
# --no-allocation-site-pretenuring, see the README), exec'd so node is PID 1 and gets SIGTERM.
RUN node -e "const fs = require('fs'); fs.writeFileSync('/out/start.sh', 'exec ' + require('/out/package.json').scripts.start + '\n')"

FROM node:20-bookworm-slim
ARG PORT
RUN case "$PORT" in ''|*[!0-9]*) echo "--build-arg PORT=<the service's port>" >&2; exit 1;; esac
ENV NODE_ENV=production PORT=$PORT HOST=0.0.0.0 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
EXPOSE $PORT
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "start.sh"]
