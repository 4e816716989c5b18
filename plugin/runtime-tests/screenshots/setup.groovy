// Sets up the Jenkins the screenshots are taken in: two credentials, a freestyle job holding every
// build step and the backup action, and a Pipeline job that pushes to the S3 server at @ENDPOINT@.
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import hudson.model.FreeStyleProject
import hudson.util.Secret
import io.encsync.jenkins.*
import jenkins.model.Jenkins
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def j = Jenkins.get()
def store = SystemCredentialsProvider.getInstance()
store.getCredentials().clear()
store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'backup-passphrase',
        'Backup passphrase', Secret.fromString('correct horse battery staple, but longer')))
store.getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL, 'aws-backup',
        'AKIAEXAMPLEBACKUP01', 'example-secret-key', 'Backup bucket key'))
store.save()

j.getItem('nightly-backup')?.delete()
FreeStyleProject f = j.createProject(FreeStyleProject, 'nightly-backup')
def push = new S3EncryptedPushStep('build/out', 'acme-ci-backups', 'backup-passphrase')
push.setPrefix('nightly')
push.setRegion('eu-west-1')
push.setAwsCredentialsId('aws-backup')
def pull = new S3EncryptedPullStep('acme-ci-backups', 'restored', 'backup-passphrase')
pull.setPrefix('nightly')
pull.setRegion('eu-west-1')
pull.setAwsCredentialsId('aws-backup')
def provision = new ProvisionPrivateBucketStep('acme-ci-backups', 'eu-west-1')
provision.setAwsCredentialsId('aws-backup')
provision.setCredentialsIdForNewKey('acme-ci-backups-key')
f.getBuildersList().add(new ProvisionPrivateBucketBuilder(provision))
f.getBuildersList().add(new EncryptDirBuilder(new EncryptDirStep('build/out', 'vault', 'backup-passphrase')))
f.getBuildersList().add(new DecryptDirBuilder(new DecryptDirStep('vault', 'check', 'backup-passphrase')))
f.getBuildersList().add(new S3EncryptedPushBuilder(push))
f.getBuildersList().add(new S3EncryptedPullBuilder(pull))
def backup = new S3EncryptedPushStep(null, 'acme-ci-backups', 'backup-passphrase')
backup.setPrefix('artifacts/${JOB_NAME}')
backup.setRegion('eu-west-1')
backup.setAwsCredentialsId('aws-backup')
f.getPublishersList().add(new EncryptedBackupPublisher(backup))
f.save()

j.getItem('backup')?.delete()
WorkflowJob p = j.createProject(WorkflowJob, 'backup')
p.setDefinition(new CpsFlowDefinition('''node {
  writeFile file: 'build/out/report.html', text: '<h1>nightly report</h1>'
  writeFile file: 'build/out/app/app.jar', text: 'not really a jar'
  writeFile file: 'build/out/app/notes/README.txt', text: 'release notes'
  def r = s3EncryptedPush source: 'build/out', bucket: 'acme-ci-backups', prefix: 'nightly',
      region: 'us-east-1', endpoint: '@ENDPOINT@', pathStyle: true,
      awsCredentialsId: 'aws-backup', passwordCredentialsId: 'backup-passphrase'
  echo "transferred ${r.transferred} files, generation ${r.generation}"
}''', true))
p.save()
println 'set up'
