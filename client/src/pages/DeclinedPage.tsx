import { Link } from 'react-router-dom';

import { Layout } from '../components/Layout';
import { useSession } from '../session';

/** `/declined`: reached from "I do not agree" on the consent page. */
export function DeclinedPage() {
  const session = useSession();
  return (
    <Layout title="No consent given" studyName={session?.study.name}>
      <h1>You have not given consent</h1>
      <div className="text-block">
        <p>
          That is fine: taking part is voluntary. You have not started the study and nothing has
          been recorded.
        </p>
        <p>You may close this window now.</p>
      </div>
      {session && !session.participant.consentedAt && (
        <p>
          Changed your mind?{' '}
          <Link to="/consent" className="link">
            Go back to the consent form
          </Link>
        </p>
      )}
    </Layout>
  );
}
