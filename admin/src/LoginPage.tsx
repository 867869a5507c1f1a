import { Button, CardContent, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { Form, Login, required, TextInput, useLogin, useNotify } from 'react-admin';

import { getErrorMessage } from './dataProvider/apiError';

/**
 * The researcher login page. Labels are fixed ("Email", "Password", "Sign in") because the
 * browser e2e tests find the inputs by them. The password is a plain password input: the
 * show/hide toggle of `PasswordInput` would add a second element labelled "...password".
 */
export const LoginPage = () => (
  <Login>
    <LoginForm />
  </Login>
);

const LoginForm = () => {
  const [loading, setLoading] = useState(false);
  const login = useLogin();
  const notify = useNotify();

  const submit = async (values: Record<string, unknown>) => {
    setLoading(true);
    try {
      await login(values);
    } catch (error) {
      notify(getErrorMessage(error, 'Sign-in failed, please try again'), { type: 'error' });
    } finally {
      setLoading(false);
    }
  };

  return (
    <Form onSubmit={submit} mode="onSubmit" noValidate>
      <CardContent sx={{ width: 300, pb: 2 }}>
        <TextInput
          autoFocus
          source="email"
          label="Email"
          type="email"
          autoComplete="username"
          validate={required()}
        />
        <TextInput
          source="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          validate={required()}
        />
        <Button
          variant="contained"
          type="submit"
          color="primary"
          disabled={loading}
          fullWidth
          sx={{ mt: 2 }}
          startIcon={
            loading ? <CircularProgress size={16} thickness={4} color="inherit" /> : undefined
          }
        >
          Sign in
        </Button>
      </CardContent>
    </Form>
  );
};
