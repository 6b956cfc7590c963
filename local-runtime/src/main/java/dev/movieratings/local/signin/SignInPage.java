package dev.movieratings.local.signin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The issuer's own pages, in the place of Cognito's hosted UI: the sign-in form (any user name), its
 * style sheet, and {@code GET /logout?client_id=…&logout_uri=…} with Cognito's parameters. Served under
 * a Content-Security-Policy of its own, without inline script or style.
 */
final class SignInPage extends HttpServlet {

    private static final String STYLE = """
            body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f4f5; color: #18181b; }
            main { max-width: 22rem; margin: 12vh auto; padding: 1.5rem; background: #fff; border-radius: .5rem;
                   box-shadow: 0 1px 3px rgb(0 0 0 / .2); }
            h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
            label { display: block; font-weight: 600; margin-top: 1rem; }
            input, button { font: inherit; padding: .5rem; width: 100%; box-sizing: border-box;
                            margin-top: .25rem; }
            input { border: 1px solid #52525b; border-radius: .25rem; }
            button { margin-top: 1rem; background: #1d4ed8; color: #fff; border: 0; border-radius: .25rem; }
            :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
            .error { color: #b91c1c; font-weight: 600; }
            .note { color: #3f3f46; font-size: .9rem; }
            """;

    private final SiteOrigins origins;
    private final String clientId;

    SignInPage(SiteOrigins origins, String clientId) {
        this.origins = origins;
        this.clientId = clientId;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getRequestURI()) {
            case "/login" -> page(request, response);
            case "/sign-in.css" -> send(response, 200, "text/css; charset=utf-8", STYLE);
            case "/logout" -> logout(request, response);
            default -> send(response, 404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean failed = request.getParameter("error") != null;
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in – Movie Ratings (local)</title>
                  <link rel="stylesheet" href="/sign-in.css">
                </head>
                <body>
                <main>
                  <h1>Sign in to Movie Ratings</h1>
                  <p class="note">Local sign-in: any user name, no password. On AWS this page is Cognito's.</p>
                  %s
                  <form method="post" action="/login">
                    <label for="username">User name</label>
                    <input id="username" name="username" autocomplete="username" maxlength="40" required autofocus
                           pattern="[A-Za-z0-9._\\-]{1,40}"
                           title="1 to 40 letters, digits, dots, dashes or underscores">
                    <input type="hidden" name="%s" value="%s">
                    <button type="submit">Sign in</button>
                  </form>
                </main>
                </body>
                </html>
                """.formatted(
                        failed
                                ? "<p class=\"error\" role=\"alert\">That user name is not accepted: use 1 to 40"
                                        + " letters, digits, dots, dashes or underscores.</p>"
                                : "",
                        escape(csrf.getParameterName()),
                        escape(csrf.getToken()));
        response.setHeader(
                "content-security-policy",
                "default-src 'none'; style-src 'self'; form-action 'self' " + String.join(" ", origins.all())
                        + "; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("cache-control", "no-store");
        send(response, 200, "text/html; charset=utf-8", html);
    }

    /** Cognito's logout endpoint: ends the issuer's session and returns to a registered sign-out URL. */
    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getParameter("logout_uri");
        if (!clientId.equals(request.getParameter("client_id"))
                || target == null
                || !origins.all().contains(target.replaceAll("/$", ""))) {
            send(response, 400, "text/plain; charset=utf-8", "unknown client_id or logout_uri\n");
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(target);
    }

    private static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setHeader("x-content-type-options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
