// @jsxRuntime automatic
// @jsxImportSource preact
import { CsrfField, Layout, type PageContext } from './layout.js';

export function SignInPage(props: { context: PageContext; next: string; error?: string }) {
  return (
    <Layout title="Sign in" context={props.context}>
      <h1>Sign in</h1>
      <form method="post" action="/sign-in">
        <CsrfField token={props.context.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'password-error' : undefined}
          />
          {props.error && (
            <span id="password-error" class="error">
              {props.error}
            </span>
          )}
        </div>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
