import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';

import { App } from './App';
import { resumePendingUploads } from './recorder';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Upload whatever an earlier page (a reload, a crash) left in this browser for the participant.
resumePendingUploads().catch(() => {
  // No IndexedDB here: nothing can have been left either.
});

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
